package io.vigil.tenant.apikey.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.tenant.apikey.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's view of keys and tenant statuses, kept in Redis (see {@link ApiKeys} for the layout).
 * The database is the truth: this is written after each commit and rewritten in full by the periodic sync,
 * so a lost write or a flushed Redis heals by itself.
 */
@ApplicationScoped
public class IngestDirectory {

    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;

    public IngestDirectory(RedisDataSource redis) {
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
        this.keys = redis.key(String.class);
    }

    public void publishKey(ApiKey k) {
        publishKey(k, null);
    }

    /** The key's entry; {@code format} is its log source's, which picks the gateway's parser for raw lines. */
    public void publishKey(ApiKey k, io.vigil.tenant.logsource.LogSource.Format format) {
        String entry = ApiKeys.KEY_ENTRY + k.keyHash;
        if (!k.active()) {
            keys.del(entry);
            return;
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("tenantId", k.tenantId.toString());
        fields.put("keyId", k.id.toString());
        if (k.logSourceId != null) {
            fields.put("logSourceId", k.logSourceId.toString());
        }
        if (format != null) {
            fields.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        }
        hashes.hset(entry, fields);
    }

    public void publishKeys(Collection<ApiKey> all, Map<UUID, io.vigil.tenant.logsource.LogSource.Format> formats) {
        all.forEach(k -> publishKey(k, k.logSourceId == null ? null : formats.get(k.logSourceId)));
    }

    public void publishTenantStatus(UUID tenantId, String status) {
        values.set(ApiKeys.TENANT_STATUS + tenantId, status);
    }

    /** When the gateway last accepted a request with each key (absent: never). */
    public Map<UUID, Instant> lastUsed(Collection<ApiKey> all) {
        Map<UUID, Instant> out = new HashMap<>();
        if (all.isEmpty()) {
            return out;
        }
        String[] ids = all.stream().map(k -> k.id.toString()).toArray(String[]::new);
        hashes.hmget(ApiKeys.KEY_LAST_USED, ids).forEach((k, v) -> {
            if (v != null) {
                out.put(UUID.fromString(k), Instant.ofEpochMilli(Long.parseLong(v)));
            }
        });
        return out;
    }
}
