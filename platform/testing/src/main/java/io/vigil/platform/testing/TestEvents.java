package io.vigil.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.platform.streams.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Telemetry for consumers under test, as the gateway puts it on an {@code events.<shard>} stream: each event
 * stamped with {@code event.id}, {@code event.ingested}, {@code tenant.id} and (when it has none)
 * {@code @timestamp}, the fields {@code event.normalized.schema.json} requires. What a test gives is kept.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    /** One {@code event.normalized} entry. */
    public static Envelope event(UUID tenantId, String json) {
        return new Envelope(tenantId, UUID.randomUUID(), "event.normalized", 1, Instant.now(), stamp(tenantId, json));
    }

    /** One {@code event.batch} entry of the events given one per line (blank lines are dropped). */
    public static Envelope batch(UUID tenantId, String lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                out.append(stamp(tenantId, line)).append('\n');
            }
        }
        return new Envelope(tenantId, UUID.randomUUID(), "event.batch", 1, Instant.now(), out.toString());
    }

    public static Envelope batch(UUID tenantId, List<String> lines) {
        return batch(tenantId, String.join("\n", lines));
    }

    /** The event with the gateway's stamps added where missing. */
    public static String stamp(UUID tenantId, String json) {
        try {
            ObjectNode e = (ObjectNode) JSON.readTree(json);
            Instant now = Instant.now();
            if (!e.has("@timestamp")) {
                e.put("@timestamp", now.toString());
            }
            e.put("event.ingested", now.toString());
            if (!e.has("event.id")) {
                e.put("event.id", UUID.randomUUID().toString());
            }
            e.put("tenant.id", tenantId.toString());
            return JSON.writeValueAsString(e);
        } catch (IOException e) {
            throw new UncheckedIOException("a test event that is not JSON: " + json, e);
        }
    }
}
