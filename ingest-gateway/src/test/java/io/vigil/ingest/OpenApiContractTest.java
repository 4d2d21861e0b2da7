package io.vigil.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiContractTest {

    @Test
    void runningApiMatchesThePublishedContract() throws Exception {
        OpenApiContract.assertMatchesPublished("ingest-gateway");
    }
}
