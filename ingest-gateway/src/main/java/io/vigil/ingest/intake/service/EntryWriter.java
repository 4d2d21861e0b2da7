package io.vigil.ingest.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds one stream entry's payload: normalised events, one JSON object per line, as UTF-8 bytes.
 * Normalisation only adds fields, so when the client's own text is at hand and holds none of the fields
 * the gateway stamps (or an {@code @timestamp} the gateway keeps as it is), the event is written as that
 * text with the added fields appended (no full re-serialisation, the costliest step of intake); otherwise
 * the whole event is serialised.
 */
final class EntryWriter {

    /** The log source the event came from (its key's), when known. */
    static final String LOG_SOURCE = "vigil.log_source.id";
    private static final Set<String> STAMPED = Set.of("event.ingested", "event.id", "tenant.id", LOG_SOURCE);

    private final ObjectWriter writer;
    private final JsonEvents reader;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    private int count;

    EntryWriter(ObjectWriter writer, JsonEvents reader) {
        this.writer = writer;
        this.reader = reader;
    }

    void add(ObjectNode event, JsonEvents.Source source, UUID tenantId, UUID logSourceId, Instant received,
            io.vigil.ingest.enrich.AssetEnricher.Inventory assets) {
        add(event, source, tenantId, EventIds.next(), logSourceId, received, assets);
    }

    /** As above, with the event's id given (a batch sent with an Idempotency-Key names its events alike each time). */
    void add(ObjectNode event, JsonEvents.Source source, UUID tenantId, UUID eventId, UUID logSourceId, Instant received,
            io.vigil.ingest.enrich.AssetEnricher.Inventory assets) {
        if (source == null ? holdsNul(event) : mayHoldEscapedNul(source) && holdsNul(reader.full(source))) {
            // PostgreSQL's jsonb cannot keep U+0000: stored, it would fail its whole stream entry in detection
            throw new Normalizer.Unstorable("a string of the event holds the character U+0000 (NUL), which the event"
                    + " store cannot keep");
        }
        int before = event.size();
        boolean splice = source != null && before > 0 && STAMPED.stream().noneMatch(event::has)
                && !event.has("winlog") && !event.has("Event"); // those shapes lift fields: read whole
        JsonNode clientTime = event.get("@timestamp");
        io.vigil.ingest.normalize.EventNormalizer.normalize(event);
        stamp(event, tenantId, eventId, logSourceId, received, assets);
        // The client's own @timestamp may stay in its text only if the gateway kept it exactly.
        splice = splice && (clientTime == null || clientTime.equals(event.get("@timestamp")));
        if (count++ > 0) {
            out.write('\n');
        }
        if (splice && appendAdded(event, source, before)) {
            return;
        }
        if (source != null) {
            // the event was read light (placeholders for the fields normalisation does not read): read it whole
            event = reader.full(source);
            io.vigil.ingest.normalize.EventNormalizer.normalize(event);
            stamp(event, tenantId, eventId, logSourceId, received, assets);
        }
        write(event);
    }

    /** Whether the raw text holds the JSON escape of NUL (backslash, u, four zeros): a cheap test before the walk. */
    static boolean mayHoldEscapedNul(JsonEvents.Source source) {
        byte[] b = source.body();
        int end = source.offset() + source.length() - 5;
        for (int i = source.offset(); i < end; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '0' && b[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    static boolean holdsNul(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().indexOf('\0') >= 0 || holdsNul(f.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode n : node) {
                if (holdsNul(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void stamp(ObjectNode event, UUID tenantId, UUID eventId, UUID logSourceId, Instant received,
            io.vigil.ingest.enrich.AssetEnricher.Inventory assets) {
        Normalizer.normalize(event, tenantId, eventId, received);
        if (logSourceId != null) {
            event.put(LOG_SOURCE, logSourceId.toString());
        } else {
            event.remove(LOG_SOURCE); // only the gateway says where an event came from
        }
        assets.enrich(event);
    }

    int count() {
        return count;
    }

    /** The payload so far; the writer starts a new one. */
    byte[] take() {
        byte[] payload = out.toByteArray();
        out.reset();
        count = 0;
        return payload;
    }

    private boolean appendAdded(ObjectNode event, JsonEvents.Source source, int before) {
        int end = source.offset() + source.length() - 1;
        byte[] b = source.body();
        while (end > source.offset() && (b[end] == ' ' || b[end] == '\t' || b[end] == '\r')) {
            end--;
        }
        if (b[end] != '}') {
            return false;
        }
        ObjectNode added = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        for (int i = 0; fields.hasNext(); i++) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (i >= before) {
                added.set(f.getKey(), f.getValue());
            }
        }
        out.write(b, source.offset(), end - source.offset()); // the client's text without its closing brace
        byte[] tail = bytes(added); // {"added": ...}
        out.write(',');
        out.write(tail, 1, tail.length - 1);
        return true;
    }

    private void write(ObjectNode event) {
        try {
            writer.writeValue(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise an event", e);
        }
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return writer.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise an event", e);
        }
    }
}
