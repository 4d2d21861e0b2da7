package io.vigil.ingest.access;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import io.vigil.ingest.intake.IngestConfig;

/**
 * The gateway's read side of the key directory tenant-service publishes in Redis: key hash to tenant and
 * log source, and tenant statuses. Answers are cached briefly in memory (a revoked key or a suspension
 * takes effect within {@code vigil.ingest.directory-cache}), unknown keys for a shorter time.
 */
@ApplicationScoped
public class KeyDirectory {

    /** What a valid key stands for. */
    public record KeyEntry(UUID tenantId, UUID keyId, UUID logSourceId, String format) {
    }

    private record Cached<T>(T value, long expiresAt) {
    }

    private static final int MAX_CACHED = 100_000;

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource blocking;
    private final long ttlMillis;
    private final Map<String, Cached<Optional<KeyEntry>>> keys = new ConcurrentHashMap<>();
    private final Map<UUID, Cached<String>> statuses = new ConcurrentHashMap<>();

    public KeyDirectory(ReactiveRedisDataSource reactive, RedisDataSource blocking, IngestConfig config) {
        this.reactive = reactive;
        this.blocking = blocking;
        this.ttlMillis = config.directoryCache().toMillis();
    }

    /** The entry of a presented key, or empty when it is unknown or revoked. */
    public Uni<Optional<KeyEntry>> resolve(String presentedKey) {
        String hash = ApiKeys.hash(presentedKey);
        long now = System.currentTimeMillis();
        Cached<Optional<KeyEntry>> hit = keys.get(hash);
        if (hit != null && hit.expiresAt() > now) {
            return Uni.createFrom().item(hit.value());
        }
        return reactive.hash(String.class).hgetall(ApiKeys.KEY_ENTRY + hash).map(fields -> {
            Optional<KeyEntry> entry = parse(fields);
            if (keys.size() > MAX_CACHED) {
                keys.clear();
            }
            // unknown keys are cached for a fifth of the time: a key just issued works almost at once
            keys.put(hash, new Cached<>(entry, now + (entry.isPresent() ? ttlMillis : ttlMillis / 5)));
            return entry;
        });
    }

    /** The tenant's status as tenant-service last published it (null: never published). */
    public String status(UUID tenantId) {
        long now = System.currentTimeMillis();
        Cached<String> hit = statuses.get(tenantId);
        if (hit != null && hit.expiresAt() > now) {
            return hit.value();
        }
        String status = blocking.value(String.class).get(ApiKeys.TENANT_STATUS + tenantId);
        statuses.put(tenantId, new Cached<>(status, now + ttlMillis));
        return status;
    }

    private static Optional<KeyEntry> parse(Map<String, String> fields) {
        if (fields == null || fields.get("tenantId") == null || fields.get("keyId") == null) {
            return Optional.empty();
        }
        String source = fields.get("logSourceId");
        return Optional.of(new KeyEntry(UUID.fromString(fields.get("tenantId")), UUID.fromString(fields.get("keyId")),
                source == null ? null : UUID.fromString(source), fields.get("format")));
    }
}
