package io.vigil.platform.streams;

/**
 * Handles one message inside a transaction and with the message's tenant as the tenant context. It must be
 * idempotent: at-least-once delivery means the same envelope can arrive again after a crash.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(Envelope envelope) throws Exception;

    /**
     * The envelope cut into the smallest pieces that can be handled alone, for when the whole fails on its
     * merits: each piece is then handled on its own and only the pieces that fail go to dead-letter, so one
     * bad event does not take its neighbours with it. Most messages are one piece.
     */
    default java.util.List<Envelope> parts(Envelope envelope) {
        return java.util.List.of(envelope);
    }
}
