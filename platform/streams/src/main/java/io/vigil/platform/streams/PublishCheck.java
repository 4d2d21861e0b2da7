package io.vigil.platform.streams;

/**
 * Looks at every message before it is published (outbox or direct append) and throws when it breaks its
 * contract. Production has none; the test suites install one that validates each message against its JSON
 * Schema in {@code openapi/events}, so every message a test publishes is checked.
 */
public interface PublishCheck {

    /** Throws {@link IllegalStateException} naming what is wrong. */
    void check(String stream, Envelope envelope);
}
