package io.vigil.platform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Runs a handler for one envelope the way every consumer must: in its own transaction, with the message's
 * tenant as the tenant context (so row-level security applies to consumers too), and at most once per
 * consumer group thanks to the inbox row written in the same transaction.
 */
@ApplicationScoped
public class MessageProcessor {

    private static final Logger LOG = Logger.getLogger(MessageProcessor.class);

    private final EntityManager em;
    private final MeterRegistry meters;
    private final CurrentTenant current;

    public MessageProcessor(EntityManager em, MeterRegistry meters, CurrentTenant current) {
        this.em = em;
        this.meters = meters;
        this.current = current;
    }

    /** Returns true when the envelope is done with (handled now or before) and may be acknowledged. */
    public boolean process(String stream, String group, Envelope envelope, MessageHandler handler) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            current.set(TenantContext.forMessage(envelope.tenantId()));
            boolean handled = QuarkusTransaction.requiringNew().call(() -> {
                if (!firstDelivery(group, envelope)) {
                    return false;
                }
                handler.handle(envelope);
                return true;
            });
            meters.counter("vigil.stream.messages", "stream", stream, "group", group,
                    "outcome", handled ? "handled" : "duplicate").increment();
            return true;
        } catch (RuntimeException e) {
            meters.counter("vigil.stream.messages", "stream", stream, "group", group, "outcome", "failed")
                    .increment();
            LOG.warnf(e, "handler of group %s failed on message %s of tenant %s; it stays pending", group,
                    envelope.id(), envelope.tenantId());
            return false;
        } finally {
            request.terminate();
        }
    }

    private boolean firstDelivery(String group, Envelope envelope) {
        int inserted = em.createNativeQuery(
                "insert into stream_inbox (consumer_group, message_id, tenant_id) values (?1, ?2, ?3) "
                        + "on conflict do nothing")
                .setParameter(1, group)
                .setParameter(2, envelope.id())
                .setParameter(3, envelope.tenantId())
                .executeUpdate();
        return inserted == 1;
    }
}
