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

    /** Tenants whose identity is not in place yet, oldest first. */
    public List<Tenant> awaitingIdentity(int limit) {
        return find("status = ?1 order by createdAt, id", Tenant.Status.ONBOARDING).page(0, limit).list();
    }

    /** Visible tenants of one status after the keyset position, oldest first. */
    public List<Tenant> pageAfter(Instant afterAt, UUID afterId, Tenant.Status status, int limit) {
        if (status == null) {
            return pageAfter(afterAt, afterId, limit);
        }
        if (afterAt == null) {
            return find("status = ?1 order by createdAt, id", status).page(0, limit).list();
        }
        return find("status = ?3 and (createdAt > ?1 or (createdAt = ?1 and id > ?2)) order by createdAt, id",
                afterAt, afterId, status).page(0, limit).list();
    }
}
