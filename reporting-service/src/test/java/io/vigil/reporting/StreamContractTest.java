package io.vigil.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.testing.EventContracts;
import io.vigil.reporting.casefacts.service.CaseFactService;
import io.vigil.reporting.tenantfacts.ReportingStreams;
import io.vigil.reporting.tenantfacts.service.TenantFactService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** reporting-service's streams, groups and message types are the ones openapi/asyncapi.yaml gives it. */
@QuarkusTest
class StreamContractTest {

    @Inject
    ReportingStreams streams;
    @Inject
    TenantFactService tenantFacts;
    @Inject
    CaseFactService caseFacts;
    @Inject
    io.vigil.reporting.attack.service.CoverageFacts coverageFacts;

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        EventContracts.assertStreams("reporting-service", Set.of(), Map.of(streams.tenantEvents(), TenantFactService.GROUP,
                streams.caseEvents(), TenantFactService.GROUP, streams.detectionEvents(), TenantFactService.GROUP));
    }

    @Test
    void theReadModelReadsTheTypesTheDocumentSaysItReceives() {
        Map<String, MessageHandler> byStream = Map.of(streams.tenantEvents(), tenantFacts, streams.caseEvents(), caseFacts,
                streams.detectionEvents(), coverageFacts);
        for (EventContracts.Operation op : EventContracts.operations("reporting-service")) {
            assertEquals(op.messages(), byStream.get(op.address()).reads().keySet(), op.address());
        }
    }
}
