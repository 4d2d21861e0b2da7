package io.vigil.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.cases.alert.service.AlertIntake;
import io.vigil.cases.stream.CaseStreams;
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

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        EventContracts.assertStreams("case-service", Set.of(streams.alertVerdicts(), streams.caseEvents()),
                Map.of(streams.alerts(), AlertIntake.GROUP));
    }

    @Test
    void theIntakeReadsTheTypesTheDocumentSaysItReceives() {
        for (EventContracts.Operation op : EventContracts.operations("case-service")) {
            if (op.action().equals("receive")) {
                assertEquals(op.messages(), intake.reads().keySet(), op.address());
            }
        }
    }
}
