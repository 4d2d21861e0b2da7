package io.vigil.tenant.sla.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.sla.SlaOverride;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SlaOverrideRepository implements PanacheRepositoryBase<SlaOverride, SlaOverride.Key> {

    public List<SlaOverride> ofTenant(UUID tenantId) {
        return find("key.tenantId", tenantId).list();
    }
}
