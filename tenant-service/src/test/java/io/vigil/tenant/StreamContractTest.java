package io.vigil.tenant;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.testing.EventContracts;
import io.vigil.tenant.audit.AuditTrail;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * tenant-service sends what openapi/asyncapi.yaml says. Every tenant.* message its tests cause is validated
 * against its schema as it is written to the outbox, so a change of representation fails those tests.
 */
@QuarkusTest
class StreamContractTest {

    @Inject
    AuditTrail audit;

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        EventContracts.assertStreams("tenant-service", Set.of(audit.stream()), Map.of());
    }
}
