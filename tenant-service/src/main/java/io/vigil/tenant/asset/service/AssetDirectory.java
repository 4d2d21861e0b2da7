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
 * import and at start; the periodic sync rewrites a tenant's only when Redis lost entries (a restart
 * without persistence), so the gateways do not reload every inventory every few minutes.
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

    /**
     * Replaces the tenant's whole directory with these assets. The new hash is written aside and renamed
     * over the old one, so a gateway reading meanwhile sees the old inventory or the new one, never none.
     */
    public void replaceAll(UUID tenantId, Collection<Asset> assets) {
        Map<String, String> fields = new HashMap<>();
        assets.forEach(a -> entries(a, fields));
        String key = ApiKeys.ASSETS + tenantId;
        if (fields.isEmpty()) {
            redis.key(String.class).del(key);
        } else {
            String next = key + ":next";
            redis.key(String.class).del(next);
            redis.hash(String.class).hset(next, fields);
            redis.key(String.class).rename(next, key);
        }
        redis.value(Long.class).incr(ApiKeys.ASSETS_VERSION + tenantId);
    }

    /**
     * Rewrites the tenant's directory only when Redis holds another number of entries than these assets
     * make (entries lost with a Redis restart, or written by a crashed import); returns whether it did.
     */
    public boolean heal(UUID tenantId, Collection<Asset> assets) {
        Map<String, String> fields = new HashMap<>();
        assets.forEach(a -> entries(a, fields));
        if (redis.hash(String.class).hlen(ApiKeys.ASSETS + tenantId) == fields.size()) {
            return false;
        }
        replaceAll(tenantId, assets);
        return true;
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
