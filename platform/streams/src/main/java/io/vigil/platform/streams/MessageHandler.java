package io.vigil.platform.streams;

/**
 * Handles one message inside a transaction and with the message's tenant as the tenant context. It must be
 * idempotent: at-least-once delivery means the same envelope can arrive again after a crash.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(Envelope envelope) throws Exception;
}
