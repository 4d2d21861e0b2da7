package io.vigil.reporting.tenantfacts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.tenantfacts.AssetFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class AssetFactRepository implements PanacheRepositoryBase<AssetFact, UUID> {

    /** The tenant's assets a case names by host name or FQDN (case-insensitive). */
    public List<AssetFact> named(UUID tenantId, Collection<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        List<String> lower = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return list("tenantId = ?1 and (lower(hostname) in ?2 or lower(fqdn) in ?2)", tenantId, lower);
    }
}
