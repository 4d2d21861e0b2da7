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
 * Remembers when each API key was last used, when each log source last delivered events and how many it
 * delivered each UTC day, and writes them to Redis every few seconds (one write per key and source, not per
 * request) for tenant-service's key list, log-source health and volumes. A count not yet written when the
 * gateway dies is lost (a few seconds' worth): volumes are for trends, the event store holds the events.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private final RedisDataSource redis;
    private final Map<UUID, Long> keys = new ConcurrentHashMap<>();
    private final Map<UUID, Long> sources = new ConcurrentHashMap<>();
    /** Events per "yyyy-mm-dd|source id" since the last flush. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> counts = new ConcurrentHashMap<>();

    public UsageRecorder(RedisDataSource redis) {
        this.redis = redis;
    }

    public void keyUsed(UUID keyId) {
        keys.put(keyId, System.currentTimeMillis());
    }

    public void sourceSeen(UUID logSourceId, int events) {
        long now = System.currentTimeMillis();
        sources.put(logSourceId, now);
        if (events > 0) {
            String day = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC).toString();
            counts.computeIfAbsent(day + "|" + logSourceId, k -> new java.util.concurrent.atomic.LongAdder()).add(events);
        }
    }

    @Scheduled(every = "${vigil.ingest.usage-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        flush(ApiKeys.KEY_LAST_USED, keys);
        flush(ApiKeys.SOURCE_LAST_SEEN, sources);
        flushCounts();
    }

    private void flushCounts() {
        java.util.Set<String> written = new java.util.HashSet<>();
        for (String key : counts.keySet()) {
            java.util.concurrent.atomic.LongAdder adder = counts.remove(key);
            long n = adder == null ? 0 : adder.sumThenReset();
            if (n == 0) {
                continue;
            }
            String hash = ApiKeys.SOURCE_EVENTS_PREFIX + key.substring(0, key.indexOf('|'));
            try {
                redis.hash(String.class).hincrby(hash, key.substring(key.indexOf('|') + 1), n);
                if (written.add(hash)) {
                    redis.key(String.class).expire(hash, java.time.Duration.ofDays(40));
                }
            } catch (RuntimeException e) {
                counts.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder()).add(n);
                LOG.warnf("log-source volumes not written to Redis, retried at the next flush: %s", e.getMessage());
                return;
            }
        }
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
