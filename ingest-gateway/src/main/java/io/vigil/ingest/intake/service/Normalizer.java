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

    /** PostgreSQL's timestamptz runs from 4713 BC to 294276 AD; an event outside cannot be stored. */
    static final Instant EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59Z");

    /** An event the event store could not keep: it goes to the gateway's dead-letter with the reason. */
    public static final class Unstorable extends RuntimeException {
        public Unstorable(String reason) {
            super(reason, null, false, false);
        }
    }

    static Instant eventTime(ObjectNode event, Instant fallback) {
        Instant t = readTime(event, fallback);
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new Unstorable("the event's time " + t + " is outside what can be stored (4713 BC to 294276 AD)");
        }
        return t;
    }

    private static Instant readTime(ObjectNode event, Instant fallback) {
        for (String f : TIME_FIELD_NAMES) {
            JsonNode v = event.get(f);
            if (v == null) {
                continue;
            }
            if (v.isNumber()) {
                double d = v.asDouble();
                // Epoch seconds (Zeek's ts) or milliseconds.
                try {
                    return d > 1e11 ? Instant.ofEpochMilli((long) d) : Instant.ofEpochMilli((long) (d * 1000));
                } catch (java.time.DateTimeException e) {
                    throw new Unstorable("the event's time " + v + " in " + f + " is outside what can be stored");
                }
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
