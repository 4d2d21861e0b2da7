package io.vigil.detection.tuning.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaFilter;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.tuning.rest.FilterResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.detection.tuning.repository.FilterRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
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


    /** Matches a filter dropped since the last write, and the latest event time among them. */
    private static final class Dropped {
        long count;
        Instant last;
    }

    private record FilterKey(UUID tenantId, String id) {
    }

    private final FilterRepository store;
    private final CurrentTenant current;
    private final TenantCache<List<SigmaFilter>> cache = new TenantCache<>(java.time.Duration.ofSeconds(5));
    private final Map<FilterKey, Dropped> dropped = new ConcurrentHashMap<>();

    public TenantFilters(FilterRepository store, CurrentTenant current) {
        this.store = store;
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
            String location = e.location() != null ? e.location() : "filter";
            throw new ProblemException.Unprocessable("the filter does not compile: " + e.getMessage(),
                    List.of(new Problem.FieldError(location, e.getMessage())));
        }
        // A filter without an id is known by its title, so posting it again replaces it.
        String id = f.id() != null && !f.id().isBlank() ? f.id()
                : UUID.nameUUIDFromBytes(f.title().getBytes(StandardCharsets.UTF_8)).toString();
        boolean created = rows(tenantId, id).isEmpty();
        store.upsert(tenantId, id, f.title(), f.rules(), yaml);
        cache.invalidate(tenantId);
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
        boolean deleted = store.delete(tenantId, id);
        if (!deleted) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no filter " + id);
        }
        cache.invalidate(tenantId);
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
            store.addDropped(k.tenantId(), k.id(), n, last);
        }
    }

    private List<SigmaFilter> compiled(UUID tenantId) {
        return cache.get(tenantId, this::compile);
    }

    private List<SigmaFilter> compile(UUID tenantId) {
        List<SigmaFilter> filters = new ArrayList<>();
        for (FilterRepository.FilterSource r : store.sources(tenantId)) {
            try {
                SigmaFilter f = SigmaParser.parseFilter(r.yaml());
                // Counted under the stored id (a filter without its own id is stored under a derived one).
                filters.add(new SigmaFilter(r.id(), f.title(), f.logsource(), f.rules(), f.condition()));
            } catch (SigmaException e) {
                LOG.warnf("filter %s of tenant %s no longer compiles and is skipped: %s", r.id(), tenantId, e.getMessage());
            }
        }
        return List.copyOf(filters);
    }

    private List<FilterResponse> rows(UUID tenantId, String id) {
        return store.list(tenantId, id);
    }
}
