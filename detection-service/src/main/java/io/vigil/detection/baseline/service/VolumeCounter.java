package io.vigil.detection.baseline.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.baseline.repository.BaselineRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Events per host and user per hour, added up in memory and written every few seconds in one short
 * transaction. Written in each event's own transaction instead, every consumer of a busy tenant would
 * queue on the same hour's row lock; a crash loses at most the last few seconds of counts, which a
 * statistical baseline tolerates.
 */
@ApplicationScoped
public class VolumeCounter {

    private static final Logger LOG = Logger.getLogger(VolumeCounter.class);

    /** One counted hour of one entity of one tenant. */
    record Key(UUID tenantId, String kind, String entity, Instant hour) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = tenantId.compareTo(o.tenantId);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : entity.compareTo(o.entity);
            return c != 0 ? c : hour.compareTo(o.hour);
        }
    }

    private final BaselineRepository store;
    private final CurrentTenant current;
    private volatile Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

    public VolumeCounter(BaselineRepository store, CurrentTenant current) {
        this.store = store;
        this.current = current;
    }

    void add(UUID tenantId, String kind, String entity, Instant hour) {
        pending.computeIfAbsent(new Key(tenantId, kind, entity, hour), k -> new LongAdder()).increment();
    }

    @Scheduled(every = "${vigil.detection.baselines.volume-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        current.set(TenantContext.system("volume-counter"));
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("volume counts not written, kept for the next run: %s", e.getMessage());
        }
    }

    @ActivateRequestContext
    void onStop(@Observes ShutdownEvent ev) {
        scheduled();
    }

    /** Writes the counts added so far (in key order, so concurrent writers lock rows in one order). */
    public synchronized int flush() {
        Map<Key, LongAdder> taken = pending;
        if (taken.isEmpty()) {
            return 0;
        }
        pending = new ConcurrentHashMap<>();
        List<Key> keys = new ArrayList<>(taken.keySet());
        keys.sort(null);
        try {
            QuarkusTransaction.requiringNew().run(() -> store.addVolumes(keys.stream().map(k -> new BaselineRepository
                    .VolumeCount(k.tenantId(), k.kind(), k.entity(), k.hour(), taken.get(k).sum())).toList()));
        } catch (RuntimeException e) {
            // Put the counts back: they are written with the next flush.
            taken.forEach((k, v) -> pending.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
            throw e;
        }
        return keys.size();
    }
}
