package io.vigil.tenant.asset.repository;

import io.vigil.tenant.asset.Asset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The asset_networks index: one row per address of an asset, for "which asset has this IP". */
@ApplicationScoped
public class AssetNetworkRepository {

    private final EntityManager em;

    public AssetNetworkRepository(EntityManager em) {
        this.em = em;
    }

    public void replace(Asset a) {
        em.createNativeQuery("delete from asset_networks where asset_id = ?1").setParameter(1, a.id).executeUpdate();
        for (String address : a.addresses) {
            em.createNativeQuery("insert into asset_networks (asset_id, tenant_id, network) values (?1, ?2, cast(?3 as cidr))")
                    .setParameter(1, a.id).setParameter(2, a.tenantId).setParameter(3, address).executeUpdate();
        }
    }

    /** The asset of the tenant whose most specific network contains {@code ip}. */
    public Optional<UUID> assetContaining(UUID tenantId, String ip) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select asset_id from asset_networks where tenant_id = ?1"
                + " and network >>= cast(?2 as inet) order by masklen(network) desc, asset_id limit 1", UUID.class)
                .setParameter(1, tenantId).setParameter(2, ip).getResultList();
        return ids.stream().findFirst();
    }
}
