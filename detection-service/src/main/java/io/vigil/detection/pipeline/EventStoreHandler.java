package io.vigil.detection.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.baseline.service.Baselines;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Handles a stream entry of one normalised event, or of several ({@code event.batch}); for each event: keeps it in the event store and runs detection on it, in one transaction,
 * so the stored event and its alerts (through the outbox) commit together or not at all.
 */
@ApplicationScoped
public class EventStoreHandler implements MessageHandler {

    private final EventRepository events;
    private final Detector detector;
    private final Baselines baselines;
    private final ObjectMapper mapper;

    public EventStoreHandler(EventRepository events, Detector detector, Baselines baselines, ObjectMapper mapper) {
        this.events = events;
        this.detector = detector;
        this.baselines = baselines;
        this.mapper = mapper;
    }

    @Override
    public java.util.Map<String, List<Integer>> reads() {
        return java.util.Map.of(EventStreams.EVENT, List.of(1), EventStreams.EVENT_BATCH, List.of(1));
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (EventStreams.EVENT_BATCH.equals(envelope.type())) {
            handleBatch(envelope);
            return;
        }
        handleOne(envelope, envelope.id(), envelope.payload());
    }

    /** A batch cut into one envelope per event (its own event id), so a bad event fails alone. */
    @Override
    public List<Envelope> parts(Envelope envelope) {
        if (!EventStreams.EVENT_BATCH.equals(envelope.type())) {
            return List.of(envelope);
        }
        List<Envelope> parts = new ArrayList<>();
        String payload = envelope.payload();
        int start = 0;
        int index = 0;
        while (start < payload.length()) {
            int end = payload.indexOf('\n', start);
            if (end < 0) {
                end = payload.length();
            }
            if (end > start) {
                String line = payload.substring(start, end);
                parts.add(new Envelope(envelope.tenantId(), eventId(line, envelope.id(), index), EventStreams.EVENT,
                        envelope.schemaVersion(), envelope.occurredAt(), line));
            }
            index++;
            start = end + 1;
        }
        return parts;
    }

    /** Several events of one tenant, one JSON object per line, each identified by its own event.id. */
    private void handleBatch(Envelope envelope) throws Exception {
        List<EventRepository.NewEvent> batch = new ArrayList<>();
        List<JsonNode> docs = new ArrayList<>();
        for (Envelope part : parts(envelope)) {
            JsonNode doc = mapper.readTree(part.payload());
            docs.add(doc);
            batch.add(new EventRepository.NewEvent(part.id(), eventTime(doc, envelope.occurredAt()), part.payload()));
        }
        // One statement for the entry's events; detection runs on those not stored before (not a redelivery).
        java.util.Set<UUID> stored = events.insertAllIfAbsent(envelope.tenantId(), envelope.occurredAt(), batch);
        List<Baselines.Observed> observed = new ArrayList<>(stored.size());
        for (int i = 0; i < batch.size(); i++) {
            EventRepository.NewEvent e = batch.get(i);
            if (stored.contains(e.id())) {
                MapEvent event = EventFlattener.flatten(docs.get(i));
                detector.detect(envelope.tenantId(), e.id(), e.ts(), event);
                observed.add(new Baselines.Observed(e.id(), e.ts(), event));
            }
        }
        baselines.observe(envelope.tenantId(), observed);
    }

    private void handleOne(Envelope envelope, UUID eventId, String json) throws Exception {
        JsonNode doc = mapper.readTree(json);
        Instant ts = eventTime(doc, envelope.occurredAt());
        if (events.insertIfAbsent(envelope.tenantId(), eventId, ts, envelope.occurredAt(), json)) {
            MapEvent event = EventFlattener.flatten(doc);
            detector.detect(envelope.tenantId(), eventId, ts, event);
            baselines.observe(envelope.tenantId(), List.of(new Baselines.Observed(eventId, ts, event)));
        }
    }

    /** The event's own id; an event without one gets a stable id from its entry and position. */
    private static UUID eventId(String line, UUID entryId, int index) {
        int at = line.indexOf("\"event.id\":\"");
        if (at >= 0 && line.length() >= at + 12 + 36) {
            try {
                return UUID.fromString(line.substring(at + 12, at + 12 + 36));
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        return UUID.nameUUIDFromBytes((entryId + "/" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Instant eventTime(JsonNode doc, Instant fallback) {
        JsonNode ts = doc.get("@timestamp");
        if (ts != null && ts.isTextual()) {
            try {
                return Instant.parse(ts.asText());
            } catch (DateTimeParseException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
