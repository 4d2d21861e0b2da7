package io.vigil.tenant.contact.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.contact.EscalationStep;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<EscalationStep, EscalationStep.Key> {

    public List<EscalationStep> ofTenant(UUID tenantId) {
        return find("key.tenantId = ?1 order by key.severity, key.position", tenantId).list();
    }

    public long deleteOfTenant(UUID tenantId) {
        return delete("key.tenantId = ?1", tenantId);
    }

    public boolean usesContact(UUID contactId) {
        return count("contactId", contactId) > 0;
    }
}
