package io.vigil.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.pipeline.DetectionStreams;
import io.vigil.detection.pipeline.EventConsumers;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.detection.pipeline.gate.Gates;
import io.vigil.detection.verdict.service.VerdictCounts;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.testing.EventContracts;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** detection-service's streams, groups and message types are the ones openapi/asyncapi.yaml gives it. */
@QuarkusTest
class StreamContractTest {

    @Inject
    DetectionStreams streams;
    @Inject
    EventStreams events;
    @Inject
    EventStoreHandler eventHandler;
    @Inject
    VerdictCounts verdicts;
    @Inject
    Gates gates;

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        Map<String, String> receives = new HashMap<>();
        events.all().forEach(s -> receives.put(s, EventConsumers.GROUP));
        receives.put(streams.alertVerdicts(), VerdictCounts.GROUP);
        EventContracts.assertStreams("detection-service", Set.of(streams.alerts(), streams.detectionEvents()), receives);
    }

    @Test
    void handlersReadTheTypesTheDocumentSaysTheyReceive() {
        for (EventContracts.Operation op : EventContracts.operations("detection-service")) {
            if (op.action().equals("receive")) {
                Set<String> read = (op.group().equals(EventConsumers.GROUP) ? eventHandler : verdicts).reads().keySet();
                assertEquals(op.messages(), Set.copyOf(read), op.address());
            }
        }
    }

    @Inject
    io.vigil.platform.streams.StreamPublisher publisher;

    @Test
    void aMessageThatBreaksItsSchemaIsNotPublished() {
        String stream = "test.contract." + java.util.UUID.randomUUID();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> publisher.publish(stream, io.vigil.platform.streams.Envelope.of(java.util.UUID.randomUUID(),
                        "alert.raised", "{\"ruleId\":\"r\"}")));
        assertTrue(e.getMessage().contains("required property 'kind'"), e.getMessage());
        assertTrue(io.vigil.platform.testing.SchemaCheckedPublishing.checked() > 0);
    }

    @Test
    void gatesRunInTheConfiguredOrder() {
        assertEquals(List.of("tenant-filters", "correlations", "rule-settings", "suppression"), gates.names());
    }
}
