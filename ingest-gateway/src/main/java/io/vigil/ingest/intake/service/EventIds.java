package io.vigil.ingest.intake.service;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for events, from a per-thread generator: ids need to be unique, not secret, and
 * {@link UUID#randomUUID()} draws on one shared SecureRandom that serialises the gateway's threads.
 */
final class EventIds {

    private EventIds() {
    }

    /**
     * The id of the {@code index}-th event of a batch the client sent with {@code idempotencyKey}: the same
     * every time that batch is sent again, and no other tenant's (a name-based UUID of tenant, key and index).
     */
    static UUID keyed(UUID tenantId, String idempotencyKey, int index) {
        return UUID.nameUUIDFromBytes((tenantId + "\n" + idempotencyKey + "\n" + index)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static UUID next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }
}
