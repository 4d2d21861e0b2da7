package io.vigil.cases.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.AlertRaised;
import io.vigil.cases.stream.CaseStreams;
import io.vigil.cases.triage.service.CaseGrouping;
import io.vigil.cases.alert.repository.AlertRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Takes alerts off the {@code alerts} stream into the queue, once each (the alert id is the key), and groups
 * each into its case in the same transaction.
 */
@ApplicationScoped
public class AlertIntake implements MessageHandler {

    public static final String GROUP = "cases";

    private final AlertRepository alerts;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final CaseStreams streams;
    private final CaseGrouping grouping;

    public AlertIntake(AlertRepository alerts, ObjectMapper mapper, StreamConsumers consumers, CaseStreams streams,
            CaseGrouping grouping) {
        this.alerts = alerts;
        this.mapper = mapper;
        this.consumers = consumers;
        this.streams = streams;
        this.grouping = grouping;
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(streams.alerts(), GROUP, this);
    }

    @Override
    public Map<String, List<Integer>> reads() {
        return Map.of(AlertRaised.TYPE, List.of(1));
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (alerts.findById(envelope.id()) != null) {
            return;
        }
        AlertRaised p = mapper.readValue(envelope.payload(), AlertRaised.class);
        if (p.ruleId() == null || p.title() == null || p.severity() == null) {
            throw new IllegalArgumentException("alert " + envelope.id() + " lacks ruleId, title or severity");
        }
        Alert a = new Alert();
        a.id = envelope.id();
        a.tenantId = envelope.tenantId();
        a.ruleId = p.ruleId();
        a.title = p.title();
        a.severity = p.severity();
        a.detectedAt = envelope.occurredAt();
        a.receivedAt = Instant.now();
        a.payload = envelope.payload();
        alerts.persist(a);
        grouping.attach(a, p);
    }
}
