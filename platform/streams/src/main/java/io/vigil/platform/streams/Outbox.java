package io.vigil.platform.streams;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;

/**
 * Transactional outbox: a service that changes its tables and announces the change writes the envelope in
 * the same transaction; {@link OutboxRelay} publishes it after commit. A crash between commit and publish
 * loses nothing (the row waits for the next sweep); a rollback publishes nothing.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final TransactionSynchronizationRegistry tx;
    private final OutboxRelay relay;
    private final java.util.List<PublishCheck> checks;

    public Outbox(EntityManager em, TransactionSynchronizationRegistry tx, OutboxRelay relay,
            jakarta.enterprise.inject.Instance<PublishCheck> checks) {
        this.em = em;
        this.tx = tx;
        this.relay = relay;
        this.checks = checks.stream().toList();
    }

    /** Must run inside the caller's transaction. */
    public void add(String stream, Envelope e) {
        checks.forEach(c -> c.check(stream, e));
        em.createNativeQuery("insert into stream_outbox (id, tenant_id, stream, type, schema_version, occurred_at, payload)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, e.id())
                .setParameter(2, e.tenantId())
                .setParameter(3, stream)
                .setParameter(4, e.type())
                .setParameter(5, e.schemaVersion())
                .setParameter(6, Timestamp.from(e.occurredAt()))
                .setParameter(7, e.payload())
                .executeUpdate();
        tx.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.kick();
                }
            }
        });
    }
}
