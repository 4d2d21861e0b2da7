package io.vigil.ingest.access;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import io.vigil.ingest.intake.IngestConfig;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant ingestion limits, shared by every gateway through Redis: a token bucket of events per second
 * (with a burst) and a daily quota of events (UTC days). Both are checked and charged by one Lua script,
 * atomically, before a batch is accepted; over either limit the client gets 429 with Retry-After and keeps
 * its batch. A tenant's own limits (hash {@code vigil:tenant-limits:<id>}) replace the defaults.
 */
@ApplicationScoped
public class RateLimiter {

    // KEYS: bucket, daily counter. ARGV: events, rate/s, burst, quota (0: none), quota ttl (s).
    // Returns {1, 0} accepted; {0, wait ms} over the rate; {-1, used} over the quota; {-2, 0} when Redis
    // refuses the writes (full: maxmemory with noeviction), told by the script itself, not by a message.
    // A batch larger than the burst passes when the bucket is full and leaves it in debt.
    private static final String SCRIPT = """
            local full = false
            local function w(...)
              local r = redis.pcall(...)
              if type(r) == 'table' and r.err then full = true end
              return r
            end
            local n = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local burst = tonumber(ARGV[3])
            local quota = tonumber(ARGV[4])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if quota > 0 then
              local used = tonumber(redis.call('GET', KEYS[2]) or '0')
              if used + n > quota then return {-1, used} end
            end
            if rate <= 0 then
              if quota > 0 then
                w('INCRBY', KEYS[2], n)
                w('EXPIRE', KEYS[2], tonumber(ARGV[5]))
              end
              if full then return {-2, 0} end
              return {1, 0}
            end
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(b[1])
            local ts = tonumber(b[2])
            if tokens == nil then tokens = burst; ts = now end
            tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
            if tokens < math.min(n, burst) then
              w('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
              w('PEXPIRE', KEYS[1], 3600000)
              if full then return {-2, 0} end
              return {0, math.ceil((math.min(n, burst) - tokens) * 1000 / rate)}
            end
            w('HSET', KEYS[1], 'tokens', tostring(tokens - n), 'ts', tostring(now))
            w('PEXPIRE', KEYS[1], 3600000)
            if quota > 0 then
              w('INCRBY', KEYS[2], n)
              w('EXPIRE', KEYS[2], tonumber(ARGV[5]))
            end
            if full then return {-2, 0} end
            return {1, 0}
            """;

    /** The script's answer when Redis refused its writes. */
    static final long FULL = -2;

    /** The limits of one tenant. */
    public record Limits(long eventsPerSecond, long burst, long dailyQuota) {
    }

    private record Cached(Limits limits, long expiresAt) {
    }

    private final RedisDataSource redis;
    private final Limits defaults;
    private final Map<UUID, Cached> overrides = new ConcurrentHashMap<>();

    private final int requestsPerSecond;

    public RateLimiter(RedisDataSource redis, IngestConfig config) {
        this.redis = redis;
        this.requestsPerSecond = config.apiRequestsPerSecond();
        this.defaults = new Limits(config.rate().eventsPerSecond(),
                Math.max(config.rate().burst(), config.rate().eventsPerSecond()), config.rate().dailyQuota());
    }

    /** Charges {@code events} to the tenant, or refuses with 429 and when to retry. */
    public void charge(UUID tenantId, int events) {
        Limits l = limitsOf(tenantId);
        if (l.eventsPerSecond() <= 0 && l.dailyQuota() <= 0) {
            return; // unlimited
        }
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        Response r = redis.execute("EVAL", SCRIPT, "2", "vigil:rate:" + tenantId, "vigil:quota:" + tenantId + ":" + day,
                Integer.toString(events), Long.toString(l.eventsPerSecond()), Long.toString(l.burst()),
                Long.toString(l.dailyQuota()), "172800");
        long verdict = r.get(0).toLong();
        long value = r.get(1).toLong();
        if (verdict == FULL) {
            throw new ProblemException.ServiceUnavailable("the event backlog is full: retry the batch later", 5);
        }
        if (verdict == 0) {
            throw new ProblemException.TooManyRequests("tenant " + tenantId + " is over its rate of "
                    + l.eventsPerSecond() + " events/s: retry this batch in " + Math.max(1, (value + 999) / 1000)
                    + " s", (value + 999) / 1000);
        }
        if (verdict < 0) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            long untilMidnight = now.until(now.truncatedTo(ChronoUnit.DAYS).plusDays(1), ChronoUnit.SECONDS);
            throw new ProblemException.TooManyRequests("tenant " + tenantId + " has used " + value + " of its "
                    + l.dailyQuota() + " events today (UTC); this batch of " + events + " would exceed the daily quota",
                    untilMidnight);
        }
    }

    /** One API call routed through the gateway, charged to its caller (token subject or key). */
    public void chargeRequest(String subject) {
        if (requestsPerSecond <= 0) {
            return;
        }
        Response r = redis.execute("EVAL", SCRIPT, "2", "vigil:api-rate:" + subject, "vigil:api-quota:none",
                "1", Integer.toString(requestsPerSecond), Integer.toString(requestsPerSecond * 2), "0", "60");
        if (r.get(0).toLong() == FULL) {
            return; // Redis is full: API calls are not held back for it (the SOC keeps working meanwhile)
        }
        if (r.get(0).toLong() == 0) {
            long wait = (r.get(1).toLong() + 999) / 1000;
            throw new ProblemException.TooManyRequests("more than " + requestsPerSecond
                    + " API calls per second: retry in " + Math.max(1, wait) + " s", wait);
        }
    }

    Limits limitsOf(UUID tenantId) {
        long now = System.currentTimeMillis();
        Cached c = overrides.get(tenantId);
        if (c != null && c.expiresAt() > now) {
            return c.limits();
        }
        Map<String, String> o = redis.hash(String.class).hgetall(ApiKeys.TENANT_LIMITS + tenantId);
        Limits l = o == null || o.isEmpty() ? defaults : new Limits(
                parse(o.get("eventsPerSecond"), defaults.eventsPerSecond()),
                parse(o.get("burst"), defaults.burst()),
                parse(o.get("dailyQuota"), defaults.dailyQuota()));
        overrides.put(tenantId, new Cached(l, now + 10_000));
        return l;
    }

    private static long parse(String v, long fallback) {
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
