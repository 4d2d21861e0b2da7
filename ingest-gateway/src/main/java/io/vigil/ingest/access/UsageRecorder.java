package io.vigil.ingest.access;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Remembers when each API key was last used and when each log source last delivered events, and writes
 * both to Redis every few seconds (one write per key and source, not per request) for tenant-service's
 * key list and log-source health.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private final RedisDataSource redis;
    private final Map<UUID, Long> keys = new ConcurrentHashMap<>();
    private final Map<UUID, Long> sources = new ConcurrentHashMap<>();

    public UsageRecorder(RedisDataSource redis) {
        this.redis = redis;
    }

    public void keyUsed(UUID keyId) {
        keys.put(keyId, System.currentTimeMillis());
    }

    public void sourceSeen(UUID logSourceId) {
        sources.put(logSourceId, System.currentTimeMillis());
    }

    @Scheduled(every = "${vigil.ingest.usage-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        flush(ApiKeys.KEY_LAST_USED, keys);
        flush(ApiKeys.SOURCE_LAST_SEEN, sources);
    }

    private void flush(String hash, Map<UUID, Long> pending) {
        Map<String, String> values = drain(pending);
        try {
            write(hash, values);
        } catch (RuntimeException e) {
            // put them back unless a newer time arrived meanwhile; the next flush writes them
            values.forEach((id, at) -> pending.merge(UUID.fromString(id), Long.parseLong(at), Math::max));
            LOG.warnf("usage not written to Redis, retried at the next flush: %s", e.getMessage());
        }
    }

    private static Map<String, String> drain(Map<UUID, Long> from) {
        Map<String, String> out = new HashMap<>();
        for (UUID id : from.keySet()) {
            Long at = from.remove(id);
            if (at != null) {
                out.put(id.toString(), Long.toString(at));
            }
        }
        return out;
    }

    private void write(String hash, Map<String, String> values) {
        if (!values.isEmpty()) {
            redis.hash(String.class).hset(hash, values);
        }
    }
}
