package io.vigil.platform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.platform.errors.DependencyDown;
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

    /** What became of one envelope. */
    public enum Outcome {
        /** Handled now or before: acknowledge it. */
        DONE,
        /** Failed on its own merits: it costs a delivery, and in the end goes to dead-letter. */
        FAILED,
        /** A dependency is down: keep it pending, pause, try again later; never dead-letter for this. */
        UNAVAILABLE
    }

    /** The outcome and, when it failed, why. */
    public record Result(Outcome outcome, String reason) {
        public boolean done() {
            return outcome == Outcome.DONE;
        }
    }

    /** Returns true when the envelope is done with (handled now or before) and may be acknowledged. */
    public boolean process(String stream, String group, Envelope envelope, MessageHandler handler) {
        return handle(stream, group, envelope, handler).done();
    }

    /** Handles the envelope once and says what became of it. */
    public Result handle(String stream, String group, Envelope envelope, MessageHandler handler) {
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
            return new Result(Outcome.DONE, null);
        } catch (RuntimeException e) {
            boolean down = DependencyDown.in(e);
            meters.counter("vigil.stream.messages", "stream", stream, "group", group, "outcome",
                    down ? "unavailable" : "failed").increment();
            if (down) {
                LOG.warnf("group %s cannot handle message %s now, a dependency is down (%s); it stays pending", group,
                        envelope.id(), DependencyDown.reason(e));
                return new Result(Outcome.UNAVAILABLE, DependencyDown.reason(e));
            }
            LOG.warnf(e, "handler of group %s failed on message %s of tenant %s; it stays pending", group,
                    envelope.id(), envelope.tenantId());
            return new Result(Outcome.FAILED, DependencyDown.reason(e));
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
