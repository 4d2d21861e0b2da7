package io.vigil.tenant.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    public boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }

    /** Visible tenants after the keyset position ({@code after} null: from the start), oldest first. */
    public List<Tenant> pageAfter(Instant afterAt, UUID afterId, int limit) {
        if (afterAt == null) {
            return find("order by createdAt, id").page(0, limit).list();
        }
        return find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", afterAt, afterId)
                .page(0, limit).list();
    }
}
