package io.vigil.platform.streams;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every message on a Vigil stream carries. Stored as flat stream fields so an operator can read
 * entries with {@code redis-cli XRANGE}; {@code payload} is JSON text.
 */
public record Envelope(UUID tenantId, UUID id, String type, int schemaVersion, Instant occurredAt, String payload) {

    public Envelope {
        if (tenantId == null) {
            throw new IllegalArgumentException("an envelope needs a tenantId");
        }
        if (id == null || type == null || type.isBlank() || occurredAt == null || payload == null) {
            throw new IllegalArgumentException("an envelope needs id, type, occurredAt and payload");
        }
    }

    public static Envelope of(UUID tenantId, String type, String payload) {
        return new Envelope(tenantId, UUID.randomUUID(), type, 1, Instant.now(), payload);
    }

    public Map<String, String> toFields() {
        Map<String, String> m = new HashMap<>(8);
        m.put("tenantId", tenantId.toString());
        m.put("id", id.toString());
        m.put("type", type);
        m.put("schemaVersion", Integer.toString(schemaVersion));
        m.put("occurredAt", occurredAt.toString());
        m.put("payload", payload);
        return m;
    }

    /** Reads an entry back; throws {@link IllegalArgumentException} when a field is missing or malformed. */
    public static Envelope fromFields(Map<String, String> f) {
        try {
            return new Envelope(UUID.fromString(required(f, "tenantId")), UUID.fromString(required(f, "id")),
                    required(f, "type"), Integer.parseInt(required(f, "schemaVersion")),
                    Instant.parse(required(f, "occurredAt")), required(f, "payload"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed envelope: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing field " + key);
        }
        return v;
    }
}
