package io.vigil.reporting.tenantfacts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.tenantfacts.TenantFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantFactRepository implements PanacheRepositoryBase<TenantFact, UUID> {

    public List<TenantFact> allByName() {
        return list("order by name, tenantId");
    }
}
