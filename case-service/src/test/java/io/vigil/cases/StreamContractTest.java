package io.vigil.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.cases.alert.service.AlertIntake;
import io.vigil.cases.stream.CaseStreams;
import io.vigil.cases.tenantfacts.service.TenantFacts;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.testing.EventContracts;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** case-service's streams, groups and message types are the ones openapi/asyncapi.yaml gives it. */
@QuarkusTest
class StreamContractTest {

    @Inject
    CaseStreams streams;
    @Inject
    AlertIntake intake;
    @Inject
    TenantFacts tenantFacts;

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        EventContracts.assertStreams("case-service", Set.of(streams.alertVerdicts(), streams.caseEvents()),
                Map.of(streams.alerts(), AlertIntake.GROUP, streams.tenantEvents(), TenantFacts.GROUP));
    }

    @Test
    void eachReaderReadsTheTypesTheDocumentSaysItReceives() {
        Map<String, MessageHandler> readers = Map.of(streams.alerts(), intake, streams.tenantEvents(), tenantFacts);
        for (EventContracts.Operation op : EventContracts.operations("case-service")) {
            if (op.action().equals("receive")) {
                assertEquals(op.messages(), readers.get(op.address()).reads().keySet(), op.address());
            }
        }
    }
}
