package io.vigil.tenant.asset.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.asset.Asset;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AssetRepository implements PanacheRepositoryBase<Asset, UUID> {

    public boolean hostnameTaken(UUID tenantId, String hostname) {
        return count("tenantId = ?1 and lower(hostname) = lower(?2)", tenantId, hostname) > 0;
    }

    /** Visible assets after the keyset position, oldest first, optionally of one criticality. */
    public List<Asset> pageAfter(Instant afterAt, UUID afterId, Asset.Criticality criticality, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (afterAt != null) {
            q.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            p.put("at", afterAt);
            p.put("id", afterId);
        }
        if (criticality != null) {
            q.append(" and criticality = :criticality");
            p.put("criticality", criticality);
        }
        return find(q + " order by createdAt, id", p).page(0, limit).list();
    }
}
