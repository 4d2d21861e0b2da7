package io.vigil.reporting;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiContractTest {

    @Test
    void runningApiMatchesThePublishedContract() throws Exception {
        OpenApiContract.assertMatchesPublished("reporting-service");
    }
}
