package io.vigil.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.testing.EventContracts;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gateway sends to the event shards openapi/asyncapi.yaml names. Every entry its tests publish is
 * validated, line by line, against event.normalized's schema as it is appended.
 */
@QuarkusTest
class StreamContractTest {

    @Inject
    EventStreams streams;

    @Test
    void configuredStreamsAreTheDocumentsOnes() {
        EventContracts.assertStreams("ingest-gateway", Set.copyOf(streams.all()), Map.of());
    }
}
