package io.vigil.detection.eventstore.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Writes each normalised event of the stream into the event store, once. */
@ApplicationScoped
public class EventStoreHandler implements MessageHandler {

    private final EventRepository events;
    private final ObjectMapper mapper;

    public EventStoreHandler(EventRepository events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        JsonNode doc = mapper.readTree(envelope.payload());
        events.insertIfAbsent(envelope.tenantId(), envelope.id(), eventTime(doc, envelope.occurredAt()),
                envelope.occurredAt(), envelope.payload());
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
