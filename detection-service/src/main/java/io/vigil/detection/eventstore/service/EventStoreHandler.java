package io.vigil.detection.eventstore.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.alert.service.AlertRaiser;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Handles one normalised event: keeps it in the event store and runs detection on it, in one transaction,
 * so the stored event and its alerts (through the outbox) commit together or not at all.
 */
@ApplicationScoped
public class EventStoreHandler implements MessageHandler {

    private final EventRepository events;
    private final AlertRaiser alerts;
    private final ObjectMapper mapper;

    public EventStoreHandler(EventRepository events, AlertRaiser alerts, ObjectMapper mapper) {
        this.events = events;
        this.alerts = alerts;
        this.mapper = mapper;
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        JsonNode doc = mapper.readTree(envelope.payload());
        Instant ts = eventTime(doc, envelope.occurredAt());
        if (events.insertIfAbsent(envelope.tenantId(), envelope.id(), ts, envelope.occurredAt(), envelope.payload())) {
            alerts.raise(envelope.tenantId(), envelope.id(), ts, EventFlattener.flatten(doc));
        }
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
