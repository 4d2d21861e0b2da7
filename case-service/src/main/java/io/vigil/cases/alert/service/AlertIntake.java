package io.vigil.cases.alert.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.repository.AlertRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Locale;

/** Takes alerts off the {@code alerts} stream into the queue, once each (the alert id is the key). */
@ApplicationScoped
public class AlertIntake implements MessageHandler {

    public static final String STREAM = "alerts";
    public static final String GROUP = "cases";

    private final AlertRepository alerts;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;

    public AlertIntake(AlertRepository alerts, ObjectMapper mapper, StreamConsumers consumers) {
        this.alerts = alerts;
        this.mapper = mapper;
        this.consumers = consumers;
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(STREAM, GROUP, this);
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (alerts.findById(envelope.id()) != null) {
            return;
        }
        JsonNode p = mapper.readTree(envelope.payload());
        Alert a = new Alert();
        a.id = envelope.id();
        a.tenantId = envelope.tenantId();
        a.ruleId = text(p, "ruleId");
        a.title = p.path("title").asText("untitled alert");
        a.severity = Alert.Severity.valueOf(p.path("severity").asText("MEDIUM").toUpperCase(Locale.ROOT));
        a.detectedAt = envelope.occurredAt();
        a.receivedAt = Instant.now();
        a.payload = envelope.payload();
        alerts.persist(a);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
