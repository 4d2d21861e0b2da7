package io.vigil.platform.streams;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to their streams, oldest first, and deletes them once Redis accepted them. Runs
 * right after each commit that wrote a row, and on a sweep for rows left by a crash. Rows are locked with
 * SKIP LOCKED, so several instances of a service relay without publishing a row twice in the common case
 * (and consumers are idempotent for the rare case).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final StreamPublisher publisher;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    public OutboxRelay(EntityManager em, StreamPublisher publisher) {
        this.em = em;
        this.publisher = publisher;
    }

    /** Asks for a drain soon; coalesces bursts of commits into one drain. */
    public void kick() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                drain();
            });
        }
    }

    @Scheduled(every = "${vigil.streams.outbox-sweep:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        drain();
    }

    /** Publishes everything pending; returns how many rows went out. */
    public synchronized int drain() {
        int total = 0;
        try {
            int n;
            do {
                n = QuarkusTransaction.requiringNew().call(this::publishBatch);
                total += n;
            } while (n == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf(e, "outbox relay failed after %d rows; will retry", total);
        }
        return total;
    }

    /**
     * One batch, read and deleted through the schema owner's functions ({@code outbox_claim},
     * {@code outbox_done}): the relay has no tenant, and the outbox is under row-level security like every
     * other tenant table, so the role serving requests cannot read other tenants' rows from it.
     */
    @SuppressWarnings("unchecked")
    private int publishBatch() {
        List<Object[]> rows = em.createNativeQuery(
                "select id, tenant_id, stream, type, schema_version, occurred_at, payload from outbox_claim(" + BATCH + ")")
                .getResultList();
        List<UUID> published = new java.util.ArrayList<>(rows.size());
        try {
            for (Object[] r : rows) {
                Envelope e = new Envelope((UUID) r[1], (UUID) r[0], (String) r[3], ((Number) r[4]).intValue(),
                        toInstant(r[5]), (String) r[6]);
                publisher.append((String) r[2], e);
                published.add(e.id());
            }
        } finally {
            if (!published.isEmpty()) {
                em.createNativeQuery("select outbox_done(cast(?1 as uuid[]))")
                        .setParameter(1, published.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                        .getSingleResult();
            }
        }
        return rows.size();
    }

    private static java.time.Instant toInstant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (java.time.Instant) o;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
