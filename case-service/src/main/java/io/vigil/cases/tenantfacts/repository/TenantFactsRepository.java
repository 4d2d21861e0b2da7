package io.vigil.cases.tenantfacts.repository;

import io.vigil.cases.tenantfacts.EscalationRung;
import io.vigil.cases.tenantfacts.SlaTarget;
import io.vigil.cases.tenantfacts.TenantContact;
import io.vigil.cases.tenantfacts.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant facts case-service keeps: profiles, SLA targets, contacts and the escalation matrix. */
@ApplicationScoped
public class TenantFactsRepository {

    private final EntityManager em;

    public TenantFactsRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<TenantProfile> profile(UUID tenantId) {
        return Optional.ofNullable(em.find(TenantProfile.class, tenantId));
    }

    /** The profile to change: the stored one, or a new one to {@link #save} once filled in. */
    public TenantProfile profileForUpdate(UUID tenantId) {
        TenantProfile p = em.find(TenantProfile.class, tenantId);
        if (p == null) {
            p = new TenantProfile();
            p.tenantId = tenantId;
        }
        return p;
    }

    /** Stores a filled-in new row (a stored one is saved at commit). */
    public void save(Object row) {
        if (!em.contains(row)) {
            em.persist(row);
        }
    }

    /** The target the tenant works to for a severity: its own, else the provider's default; empty if neither. */
    public Optional<SlaTarget> effectiveTarget(UUID tenantId, String severity) {
        SlaTarget own = em.find(SlaTarget.class, new SlaTarget.Key(tenantId, severity));
        return Optional.ofNullable(own != null ? own : em.find(SlaTarget.class, new SlaTarget.Key(SlaTarget.PROVIDER, severity)));
    }

    /** The target row to change: the stored one, or a new one to {@link #save} once filled in. */
    public SlaTarget targetForUpdate(UUID tenantId, String severity) {
        SlaTarget t = em.find(SlaTarget.class, new SlaTarget.Key(tenantId, severity));
        if (t == null) {
            t = new SlaTarget();
            t.key = new SlaTarget.Key(tenantId, severity);
        }
        return t;
    }

    public void dropTarget(UUID tenantId, String severity) {
        SlaTarget t = em.find(SlaTarget.class, new SlaTarget.Key(tenantId, severity));
        if (t != null) {
            em.remove(t);
        }
    }

    /** The contact row to change: the stored one, or a new one to {@link #save} once filled in. */
    public TenantContact contactForUpdate(UUID tenantId, UUID id) {
        TenantContact c = em.find(TenantContact.class, id);
        if (c == null) {
            c = new TenantContact();
            c.id = id;
            c.tenantId = tenantId;
        }
        return c;
    }

    public Optional<TenantContact> contact(UUID id) {
        return Optional.ofNullable(em.find(TenantContact.class, id));
    }

    public void dropContact(UUID tenantId, UUID id) {
        em.createQuery("delete from TenantContact where tenantId = ?1 and id = ?2").setParameter(1, tenantId)
                .setParameter(2, id).executeUpdate();
    }

    /** The tenant's whole matrix is replaced, as tenant-service replaces it. */
    public void replaceRungs(UUID tenantId, List<EscalationRung> rungs) {
        em.createQuery("delete from EscalationRung where key.tenantId = ?1").setParameter(1, tenantId).executeUpdate();
        em.flush();
        rungs.forEach(em::persist);
    }

    /** The rungs for a severity, in order. */
    public List<EscalationRung> rungs(UUID tenantId, String severity) {
        return em.createQuery("from EscalationRung where key.tenantId = ?1 and key.severity = ?2 order by key.position",
                EscalationRung.class).setParameter(1, tenantId).setParameter(2, severity).getResultList();
    }
}
