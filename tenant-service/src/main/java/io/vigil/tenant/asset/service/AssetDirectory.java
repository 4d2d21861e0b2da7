package io.vigil.tenant.asset.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.tenant.asset.Asset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes each tenant's assets to Redis for the gateway's enrichment (host name or address to asset id
 * and criticality): one hash per tenant and a version the gateway watches. Rewritten whole after an
 * import and by the periodic sync, so the database stays the truth.
 */
@ApplicationScoped
public class AssetDirectory {

    private final RedisDataSource redis;

    public AssetDirectory(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Adds or replaces these assets' entries. */
    public void publish(UUID tenantId, Collection<Asset> assets) {
        Map<String, String> fields = new HashMap<>();
        assets.forEach(a -> entries(a, fields));
        if (!fields.isEmpty()) {
            redis.hash(String.class).hset(ApiKeys.ASSETS + tenantId, fields);
        }
        redis.value(Long.class).incr(ApiKeys.ASSETS_VERSION + tenantId);
    }

    /** Replaces the tenant's whole directory with these assets. */
    public void replaceAll(UUID tenantId, Collection<Asset> assets) {
        redis.key(String.class).del(ApiKeys.ASSETS + tenantId);
        publish(tenantId, assets);
    }

    static void entries(Asset a, Map<String, String> into) {
        String value = a.id + "|" + a.criticality + "|" + a.hostname;
        into.put("host:" + a.hostname.toLowerCase(Locale.ROOT), value);
        if (a.fqdn != null) {
            into.put("host:" + a.fqdn.toLowerCase(Locale.ROOT), value);
        }
        for (String address : a.addresses) {
            into.put((address.contains("/") ? "net:" : "ip:") + address, value);
        }
    }

}
