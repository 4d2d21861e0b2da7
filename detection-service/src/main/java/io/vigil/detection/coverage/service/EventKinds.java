package io.vigil.detection.coverage.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.coverage.repository.EventKindRepository;
import io.vigil.detection.engine.EventKind;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The kinds of events each tenant sends and the field names on them, seen on the match path and written every
 * few seconds. Cheap per event: one map lookup and a counter; the field names of the first events of a kind
 * and of one in 1,024 after are added. A kind is written when it gained a field, and once an hour while it
 * keeps coming.
 */
@ApplicationScoped
public class EventKinds {

    private static final Logger LOG = Logger.getLogger(EventKinds.class);
    /** Kinds kept in memory per tenant; a client sending endless event ids adds no more past this. */
    static final int MAX_KINDS_PER_TENANT = 1_000;
    static final Duration REWRITE = Duration.ofHours(1);

    private static final class Seen {
        final Set<String> fields = ConcurrentHashMap.newKeySet();
        final AtomicLong events = new AtomicLong();
        volatile boolean changed = true;
        volatile Instant written = Instant.EPOCH;
    }

    private final Map<UUID, Map<EventKind, Seen>> seen = new ConcurrentHashMap<>();
    private final EventKindRepository store;
    private final CurrentTenant current;

    public EventKinds(EventKindRepository store, CurrentTenant current) {
        this.store = store;
        this.current = current;
    }

    /** One event of the tenant, as its rules see it. */
    public void saw(UUID tenantId, EventKind kind, MapEvent event) {
        Map<EventKind, Seen> kinds = seen.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
        Seen s = kinds.get(kind);
        if (s == null) {
            if (kinds.size() >= MAX_KINDS_PER_TENANT) {
                return;
            }
            s = kinds.computeIfAbsent(kind, k -> new Seen());
        }
        long n = s.events.incrementAndGet();
        if (n <= 64 || (n & 1023) == 0) {
            for (String field : event.fields().keySet()) {
                if (s.fields.size() < EventKindRepository.MAX_FIELDS && s.fields.add(field)) {
                    s.changed = true;
                }
            }
        }
    }

    @Scheduled(every = "${vigil.detection.coverage.kinds-flush:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        current.set(TenantContext.system("event-kinds"));
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("event kinds not written, kept for the next run: %s", e.getMessage());
        }
    }

    @ActivateRequestContext
    void onStop(@Observes ShutdownEvent ev) {
        scheduled();
    }

    /** Writes the kinds that gained a field or were last written an hour ago; answers how many. */
    public synchronized int flush() {
        Instant now = Instant.now();
        List<EventKindRepository.KindRow> rows = new ArrayList<>();
        List<Seen> taken = new ArrayList<>();
        seen.forEach((tenant, kinds) -> kinds.forEach((kind, s) -> {
            if (s.events.get() > 0 && (s.changed || s.written.isBefore(now.minus(REWRITE)))) {
                rows.add(new EventKindRepository.KindRow(tenant, kind.eventId() == null ? "" : kind.eventId(),
                        kind.channel() == null ? "" : kind.channel(), List.copyOf(s.fields), now));
                taken.add(s);
            }
        }));
        if (rows.isEmpty()) {
            return 0;
        }
        taken.forEach(s -> s.changed = false);
        try {
            QuarkusTransaction.requiringNew().run(() -> store.record(rows));
        } catch (RuntimeException e) {
            taken.forEach(s -> s.changed = true);
            throw e;
        }
        taken.forEach(s -> s.written = now);
        return rows.size();
    }
}
