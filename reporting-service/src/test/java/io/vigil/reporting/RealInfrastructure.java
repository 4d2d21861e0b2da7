package io.vigil.reporting;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.vigil.platform.testing.VigilInfra;

/** Every test of this module runs against the real PostgreSQL, Redis and Keycloak. */
@WithTestResource(value = VigilInfra.class, scope = TestResourceScope.GLOBAL)
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
