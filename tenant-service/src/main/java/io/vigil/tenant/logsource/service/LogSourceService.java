package io.vigil.tenant.logsource.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.logsource.LogSource;
import io.vigil.tenant.logsource.mapping.LogSourceMapper;
import io.vigil.tenant.logsource.repository.LogSourceRepository;
import io.vigil.tenant.logsource.rest.LogSourceRequest;
import io.vigil.tenant.logsource.rest.LogSourceResponse;
import io.vigil.tenant.logsource.LogSource.Health;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Log sources of a tenant and their health. The gateway records when each source last delivered an event
 * (a Redis hash); a source quiet for longer than its threshold is SILENT, and the periodic check reports
 * each silence once (event {@code tenant.log-source.silent}) and its end ({@code tenant.log-source.recovered}).
 * The gateway also counts each source's events per UTC day; a second pass announces the counts that changed
 * ({@code tenant.log-source.counted}, today's and yesterday's) for reporting's volumes.
 */
@ApplicationScoped
public class LogSourceService {

    private static final Logger LOG = Logger.getLogger(LogSourceService.class);

    private final LogSourceRepository sources;
    private final TenantService tenants;
    private final CurrentTenant current;
    private final AuditTrail audit;
    private final HashCommands<String, String, String> hashes;
    private final io.quarkus.redis.datasource.keys.KeyCommands<String> keys;
    private final io.vigil.platform.streams.Outbox outbox;

    public LogSourceService(LogSourceRepository sources, TenantService tenants, CurrentTenant current, AuditTrail audit,
            RedisDataSource redis, io.vigil.platform.streams.Outbox outbox) {
        this.sources = sources;
        this.tenants = tenants;
        this.current = current;
        this.audit = audit;
        this.hashes = redis.hash(String.class);
        this.keys = redis.key(String.class);
        this.outbox = outbox;
    }

    /** What {@code tenant.log-source.counted} says: a source's events on one UTC day, as counted so far. */
    public record Counted(UUID logSourceId, UUID tenantId, String name, String product, java.time.LocalDate day,
            long events, Instant countedAt) {
    }

    static final String ANNOUNCED_PREFIX = "vigil:log-source-events-announced:";

    @Scheduled(every = "${vigil.tenant.log-sources.count-every:5m}", delayed = "45s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void announceCounts() {
        current.set(TenantContext.system("log-source-volumes"));
        try {
            announceCountsNow(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("log-source volumes not announced, retried at the next run: %s", e.getMessage());
        }
    }

    /**
     * Announces each source's count of yesterday and today (UTC) that changed since it was last announced; returns
     * how many it announced. The announced counts are remembered only once the outbox holds their messages.
     */
    public int announceCountsNow(Instant now) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        int announced = 0;
        for (java.time.LocalDate day : List.of(today.minusDays(1), today)) {
            Map<String, String> counts = hashes.hgetall(ApiKeys.SOURCE_EVENTS_PREFIX + day);
            if (counts.isEmpty()) {
                continue;
            }
            Map<String, String> before = hashes.hgetall(ANNOUNCED_PREFIX + day);
            List<UUID> fresh = counts.entrySet().stream().filter(c -> !c.getValue().equals(before.get(c.getKey())))
                    .map(c -> UUID.fromString(c.getKey())).toList();
            if (fresh.isEmpty()) {
                continue; // nothing new
            }
            Map<String, String> changed = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                Map<String, String> out = new HashMap<>();
                for (LogSource s : sources.list("id in ?1", fresh)) { // a source deleted since is not among them
                    String n = counts.get(s.id.toString());
                    outbox.add(audit.stream(), io.vigil.platform.streams.Envelope.of(s.tenantId, "tenant.log-source.counted",
                            io.vigil.tenant.audit.Json.write(new Counted(s.id, s.tenantId, s.name, s.product, day,
                                    Long.parseLong(n), now))));
                    out.put(s.id.toString(), n);
                }
                return out;
            });
            if (!changed.isEmpty()) { // remembered once the outbox holds the messages: at worst announced twice
                hashes.hset(ANNOUNCED_PREFIX + day, changed);
                keys.expire(ANNOUNCED_PREFIX + day, Duration.ofDays(3));
                announced += changed.size();
            }
        }
        return announced;
    }

    @Transactional
    public LogSourceResponse create(UUID tenantId, LogSourceRequest req) {
        tenants.find(tenantId);
        if (sources.nameTaken(tenantId, req.name())) {
            throw new ProblemException.Conflict("tenant already has a log source named '" + req.name() + "'");
        }
        LogSource s = new LogSource();
        s.id = UUID.randomUUID();
        s.tenantId = tenantId;
        s.name = req.name().trim();
        s.product = req.product().trim();
        s.format = req.format();
        s.expectedEventsPerDay = req.expectedEventsPerDay();
        s.silenceAfterMinutes = req.silenceAfterMinutes() == null ? 60 : req.silenceAfterMinutes();
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        sources.persist(s);
        LogSourceResponse out = LogSourceMapper.toResponse(s, null, s.createdAt);
        audit.record(tenantId, "log-source", s.id, "created", out);
        return out;
    }

    @Transactional
    public List<LogSourceResponse> list(UUID tenantId, Health health) {
        tenants.find(tenantId);
        List<LogSource> rows = sources.ofTenant(tenantId);
        Map<UUID, Instant> seen = lastSeen(rows);
        Instant now = Instant.now();
        return rows.stream().map(s -> LogSourceMapper.toResponse(s, seen.get(s.id), now))
                .filter(r -> health == null || r.health() == health).toList();
    }

    @Transactional
    public LogSourceResponse get(UUID tenantId, UUID id) {
        LogSource s = find(tenantId, id);
        return LogSourceMapper.toResponse(s, lastSeen(List.of(s)).get(s.id), Instant.now());
    }

    /** A visible source of the tenant, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LogSource find(UUID tenantId, UUID id) {
        tenants.find(tenantId);
        LogSource s = sources.findById(id);
        if (s == null || !s.tenantId.equals(tenantId)) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no log source " + id);
        }
        return s;
    }

    /** Reports sources that went silent, and those that came back, once each. */
    @Scheduled(every = "${vigil.tenant.log-sources.check-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void checkSilence() {
        current.set(TenantContext.system("log-source-health"));
        try {
            int changed = checkSilenceNow(Instant.now());
            if (changed > 0) {
                LOG.infof("log-source health: %d source(s) changed between OK and SILENT", changed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("log-source health check failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** One pass of the silence check at {@code now}; returns how many sources changed state. */
    @Transactional
    public int checkSilenceNow(Instant now) {
        List<LogSource> rows = sources.allVisible();
        Map<UUID, Instant> seen = lastSeen(rows);
        int changed = 0;
        for (LogSource s : rows) {
            Health h = s.health(seen.get(s.id), now);
            if (h == Health.SILENT && s.silentSince == null) {
                Instant last = seen.get(s.id);
                s.silentSince = (last == null ? s.createdAt : last).plus(Duration.ofMinutes(s.silenceAfterMinutes));
                audit.record(s.tenantId, "log-source", s.id, "silent", LogSourceMapper.toResponse(s, last, now));
                changed++;
            } else if (h == Health.OK && s.silentSince != null) {
                s.silentSince = null;
                audit.record(s.tenantId, "log-source", s.id, "recovered", LogSourceMapper.toResponse(s, seen.get(s.id), now));
                changed++;
            }
        }
        return changed;
    }

    private Map<UUID, Instant> lastSeen(List<LogSource> rows) {
        Map<UUID, Instant> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        String[] ids = rows.stream().map(s -> s.id.toString()).toArray(String[]::new);
        Map<String, String> values = hashes.hmget(ApiKeys.SOURCE_LAST_SEEN, ids);
        values.forEach((k, v) -> {
            if (v != null) {
                out.put(UUID.fromString(k), Instant.ofEpochMilli(Long.parseLong(v)));
            }
        });
        return out;
    }
}
