package io.vigil.cases.tenantfacts.repository;

import io.vigil.cases.tenantfacts.SlaTarget;
import io.vigil.cases.tenantfacts.TenantProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/** The tenant facts case-service keeps: profiles and SLA targets. */
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
}
