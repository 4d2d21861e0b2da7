package io.vigil.ingest.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Stamps what the gateway knows about every event ({@code @timestamp} from the event's own time fields,
 * {@code event.ingested}, {@code event.id}, {@code tenant.id}) after the shape's own normalisation
 * ({@code EventNormalizer} for JSON; the line parsers for syslog, CEF and LEEF).
 */
public final class Normalizer {

    /** Windows writes 7 fraction digits; Instant.parse takes at most 9, so only longer ones are cut. */
    private static final java.util.regex.Pattern EXCESS_DIGITS = java.util.regex.Pattern.compile("(\\.\\d{1,9})\\d*Z$");
    /** The fields the time is read from, in order of preference. */
    static final java.util.List<String> TIME_FIELD_NAMES = java.util.List.of("@timestamp", "timestamp", "TimeCreated",
            "UtcTime", "eventTime", "ts");

    private Normalizer() {
    }

    public static ObjectNode normalize(ObjectNode event, UUID tenantId, UUID eventId, Instant received) {
        event.put("@timestamp", eventTime(event, received).toString());
        event.put("event.ingested", received.toString());
        event.put("event.id", eventId.toString());
        event.put("tenant.id", tenantId.toString());
        return event;
    }

    static Instant eventTime(ObjectNode event, Instant fallback) {
        for (String f : TIME_FIELD_NAMES) {
            JsonNode v = event.get(f);
            if (v == null) {
                continue;
            }
            if (v.isNumber()) {
                double d = v.asDouble();
                // Epoch seconds (Zeek's ts) or milliseconds.
                return d > 1e11 ? Instant.ofEpochMilli((long) d) : Instant.ofEpochMilli((long) (d * 1000));
            }
            if (v.isTextual()) {
                try {
                    return Instant.parse(EXCESS_DIGITS.matcher(v.asText().replace(' ', 'T')).replaceFirst("$1Z"));
                } catch (DateTimeParseException e) {
                    // try the next candidate
                }
            }
        }
        return fallback;
    }
}
