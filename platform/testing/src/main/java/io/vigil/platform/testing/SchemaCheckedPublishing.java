package io.vigil.platform.testing;

import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.PublishCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In every service's tests, every message published (outbox or direct append) is validated against its
 * type's JSON Schema before it leaves; one that breaks its contract fails the publishing call, so the test
 * that caused it fails. Production has no such bean (this module is a test dependency only).
 */
@ApplicationScoped
public class SchemaCheckedPublishing implements PublishCheck {

    private static final AtomicLong CHECKED = new AtomicLong();
    private static final ThreadLocal<Boolean> OFF = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code publishing} with the check off on this thread: for a test that sends a broken message on
     * purpose (a poison message, a time the store cannot keep) to see how its consumer copes.
     */
    public static void unchecked(Runnable publishing) {
        OFF.set(true);
        try {
            publishing.run();
        } finally {
            OFF.set(false);
        }
    }

    /** How many messages this JVM validated (a test can tell the check ran). */
    public static long checked() {
        return CHECKED.get();
    }

    @Override
    public void check(String stream, Envelope envelope) {
        if (OFF.get()) {
            return;
        }
        List<String> wrong = EventContracts.violations(envelope.type(), envelope.schemaVersion(), envelope.payload());
        CHECKED.incrementAndGet();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("message " + envelope.id() + " on " + stream
                    + " breaks its contract (openapi/events/" + envelope.type() + ".schema.json): " + wrong);
        }
    }
}
