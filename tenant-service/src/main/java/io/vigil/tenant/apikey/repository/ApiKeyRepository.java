package io.vigil.tenant.apikey.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.apikey.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public List<ApiKey> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by createdAt, id", tenantId).list();
    }

    public List<ApiKey> activeOfTenant(UUID tenantId) {
        return find("tenantId = ?1 and revokedAt is null", tenantId).list();
    }

    /** Every visible key (the directory sync runs with the system context). */
    public List<ApiKey> allVisible() {
        return find("order by createdAt, id").list();
    }
}
