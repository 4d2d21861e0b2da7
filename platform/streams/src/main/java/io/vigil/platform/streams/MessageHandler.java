package io.vigil.platform.streams;

import java.util.List;
import java.util.Map;

/**
 * Handles one message inside a transaction and with the message's tenant as the tenant context. It must be
 * idempotent: at-least-once delivery means the same envelope can arrive again after a crash.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(Envelope envelope) throws Exception;

    /**
     * The message types this handler reads, each with the schema versions it understands (the contracts in
     * {@code openapi/asyncapi.yaml}). The consumer acknowledges a type not named here without calling the
     * handler (a stream carries types meant for other readers), and sends a named type in a version not
     * listed to dead-letter with the reason, instead of letting the handler guess. Empty: every type and
     * version is handed over.
     */
    default Map<String, List<Integer>> reads() {
        return Map.of();
    }

    /**
     * The envelope cut into the smallest pieces that can be handled alone, for when the whole fails on its
     * merits: each piece is then handled on its own and only the pieces that fail go to dead-letter, so one
     * bad event does not take its neighbours with it. Most messages are one piece.
     */
    default List<Envelope> parts(Envelope envelope) {
        return List.of(envelope);
    }

    /** Why this handler will not read the envelope, or null when it will; see {@link #reads()}. */
    static String refusal(MessageHandler handler, Envelope envelope) {
        Map<String, List<Integer>> reads = handler.reads();
        if (reads.isEmpty()) {
            return null;
        }
        List<Integer> versions = reads.get(envelope.type());
        if (versions == null) {
            return "";
        }
        if (!versions.contains(envelope.schemaVersion())) {
            return envelope.type() + " schemaVersion " + envelope.schemaVersion()
                    + " is not one this consumer reads (" + versions + ")";
        }
        return null;
    }
}
