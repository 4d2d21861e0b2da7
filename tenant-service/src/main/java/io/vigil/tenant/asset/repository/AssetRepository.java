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

    /** The tenant's asset known by this name: its hostname, its FQDN, or the host part of a given FQDN. */
    public java.util.Optional<Asset> byName(UUID tenantId, String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        int dot = n.indexOf('.');
        String shortName = dot > 0 ? n.substring(0, dot) : n;
        return find("tenantId = ?1 and (lower(hostname) = ?2 or lower(fqdn) = ?2 or lower(hostname) = ?3)"
                + " order by case when lower(hostname) = ?2 then 0 when lower(fqdn) = ?2 then 1 else 2 end, id",
                tenantId, n, shortName).firstResultOptional();
    }

    /** Every asset of the tenant by lower-cased hostname (imports compare against it). */
    public java.util.Map<String, Asset> byHostname(UUID tenantId) {
        java.util.Map<String, Asset> out = new java.util.HashMap<>();
        find("tenantId", tenantId).list().forEach(a -> out.put(a.hostname.toLowerCase(java.util.Locale.ROOT), a));
        return out;
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
