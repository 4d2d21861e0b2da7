package io.vigil.detection.tuning.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaFilter;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.support.Sql;
import io.vigil.detection.tuning.rest.FilterResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-tenant exceptions as Sigma filters. A filter names rules and is ANDed to them for its tenant only, so
 * a match it drops raises nothing (not even correlation input) and is counted on the filter. The compiled
 * filters of a tenant are cached for a few seconds; a change through this service applies at once here.
 * Counts are added up in memory and written every few seconds: a filter exists to drop a noisy rule's
 * matches, and one row updated per dropped match would make every consumer queue on its lock.
 */
@ApplicationScoped
public class TenantFilters {

    private static final Logger LOG = Logger.getLogger(TenantFilters.class);
    private static final long CACHE_MILLIS = 5_000;

    private record Cached(List<SigmaFilter> filters, long at) {
    }

    /** Matches a filter dropped since the last write, and the latest event time among them. */
    private static final class Dropped {
        long count;
        Instant last;
    }

    private record FilterKey(UUID tenantId, String id) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final Map<FilterKey, Dropped> dropped = new ConcurrentHashMap<>();

    public TenantFilters(EntityManager em, CurrentTenant current) {
        this.em = em;
        this.current = current;
    }

    /** A stored filter, and whether it is new (else it replaced the one with its id). */
    public record Stored(FilterResponse filter, boolean created) {
    }

    /** Adds a filter, or replaces the one with the same id; 422 with the location of what does not compile. */
    @Transactional
    public Stored put(UUID tenantId, String yaml) {
        current.requireVisible(tenantId);
        SigmaFilter f;
        try {
            f = SigmaParser.parseFilter(yaml);
        } catch (SigmaException e) {
            String location = e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "filter";
            throw new ProblemException.Unprocessable("the filter does not compile: " + e.getMessage(),
                    List.of(new Problem.FieldError(location, e.getMessage())));
        }
        // A filter without an id is known by its title, so posting it again replaces it.
        String id = f.id() != null && !f.id().isBlank() ? f.id()
                : UUID.nameUUIDFromBytes(f.title().getBytes(StandardCharsets.UTF_8)).toString();
        boolean created = rows(tenantId, id).isEmpty();
        em.createNativeQuery("insert into tenant_filters (tenant_id, id, title, rules, yaml, created_at, updated_at)"
                + " values (:t, :i, :ti, cast(:r as text[]), :y, now(), now()) on conflict (tenant_id, id) do update"
                + " set title = excluded.title, rules = excluded.rules, yaml = excluded.yaml, updated_at = now()")
                .setParameter("t", tenantId).setParameter("i", id).setParameter("ti", f.title())
                .setParameter("r", Sql.textArray(f.rules())).setParameter("y", yaml).executeUpdate();
        cache.remove(tenantId);
        return new Stored(get(tenantId, id), created);
    }

    @Transactional
    public List<FilterResponse> list(UUID tenantId) {
        current.requireVisible(tenantId);
        writeCounts(tenantId);
        return rows(tenantId, null);
    }

    @Transactional
    public FilterResponse get(UUID tenantId, String id) {
        current.requireVisible(tenantId);
        writeCounts(tenantId);
        List<FilterResponse> found = rows(tenantId, id);
        if (found.isEmpty()) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no filter " + id);
        }
        return found.get(0);
    }

    @Transactional
    public void remove(UUID tenantId, String id) {
        current.requireVisible(tenantId);
        int n = em.createNativeQuery("delete from tenant_filters where tenant_id = :t and id = :i")
                .setParameter("t", tenantId).setParameter("i", id).executeUpdate();
        if (n == 0) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no filter " + id);
        }
        cache.remove(tenantId);
    }

    /**
     * In the raising transaction: whether the rule's match on this event stands for the tenant; a match a
     * filter drops is counted on that filter.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean admit(UUID tenantId, SigmaRule rule, MapEvent event, Instant at) {
        for (SigmaFilter f : compiled(tenantId)) {
            if (f.appliesTo(rule) && !f.admits(event)) {
                Dropped d = dropped.computeIfAbsent(new FilterKey(tenantId, f.id()), k -> new Dropped());
                synchronized (d) {
                    d.count++;
                    d.last = d.last == null || at.isAfter(d.last) ? at : d.last;
                }
                return false;
            }
        }
        return true;
    }

    @Scheduled(every = "${vigil.detection.filters.count-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduledWrite() {
        current.set(TenantContext.system("filter-counts"));
        try {
            QuarkusTransaction.requiringNew().run(() -> writeCounts(null));
        } catch (RuntimeException e) {
            LOG.warnf("filter counts not written, kept for the next run: %s", e.getMessage());
        }
    }

    /**
     * Adds the counts of dropped matches gathered here to their filters, of one tenant (the caller's, so
     * row-level security lets the update through) or of all (null, the system's job), in the caller's
     * transaction.
     */
    void writeCounts(UUID onlyTenant) {
        for (FilterKey k : List.copyOf(dropped.keySet())) {
            if (onlyTenant != null && !onlyTenant.equals(k.tenantId())) {
                continue;
            }
            Dropped d = dropped.remove(k);
            if (d == null) {
                continue;
            }
            long n;
            Instant last;
            synchronized (d) {
                n = d.count;
                last = d.last;
            }
            em.createNativeQuery("update tenant_filters set filtered = filtered + :n,"
                    + " last_filtered = greatest(last_filtered, :at) where tenant_id = :t and id = :i")
                    .setParameter("n", n).setParameter("at", Timestamp.from(last)).setParameter("t", k.tenantId())
                    .setParameter("i", k.id()).executeUpdate();
        }
    }

    private List<SigmaFilter> compiled(UUID tenantId) {
        Cached c = cache.get(tenantId);
        long now = System.currentTimeMillis();
        if (c != null && now - c.at() <= CACHE_MILLIS) {
            return c.filters();
        }
        List<SigmaFilter> filters = new ArrayList<>();
        for (Object row : em.createNativeQuery("select id, yaml from tenant_filters where tenant_id = :t")
                .setParameter("t", tenantId).getResultList()) {
            Object[] r = (Object[]) row;
            try {
                SigmaFilter f = SigmaParser.parseFilter((String) r[1]);
                // Counted under the stored id (a filter without its own id is stored under a derived one).
                filters.add(new SigmaFilter((String) r[0], f.title(), f.logsource(), f.rules(), f.condition()));
            } catch (SigmaException e) {
                LOG.warnf("filter %s of tenant %s no longer compiles and is skipped: %s", r[0], tenantId, e.getMessage());
            }
        }
        cache.put(tenantId, new Cached(List.copyOf(filters), now));
        return filters;
    }

    private List<FilterResponse> rows(UUID tenantId, String id) {
        Query q = em.createNativeQuery("select id, title, array_to_string(rules, '\u0001'), yaml,"
                + " filtered, last_filtered, created_at, updated_at from tenant_filters where tenant_id = :t"
                + (id == null ? "" : " and id = :i") + " order by id").setParameter("t", tenantId);
        if (id != null) {
            q.setParameter("i", id);
        }
        List<?> rows = q.getResultList();
        List<FilterResponse> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new FilterResponse(tenantId, (String) r[0], (String) r[1], List.of(((String) r[2]).split("\u0001")),
                    (String) r[3], ((Number) r[4]).longValue(), Sql.instant(r[5]), Sql.instant(r[6]), Sql.instant(r[7])));
        }
        return out;
    }
}
