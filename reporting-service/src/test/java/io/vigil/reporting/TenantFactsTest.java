package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reporting learns tenants from tenant.* events alone, and shows each caller only its own. */
@QuarkusTest
class TenantFactsTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void tenantEventsBuildTheReadModelAndLateOldEventsDoNotRollItBack() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(60);
        publisher.publish("tenant.events", new Envelope(a, UUID.randomUUID(), "tenant.updated", 1, t0.plusSeconds(10),
                payload(a, "tenant.updated", "Acme Bank", "acme", "ACTIVE")));
        publisher.publish("tenant.events", new Envelope(a, UUID.randomUUID(), "tenant.created", 1, t0,
                payload(a, "tenant.created", "Acme", "acme", "ONBOARDING")));
        // Events about the tenant's data (here an asset) carry no profile and must not overwrite it.
        publisher.publish("tenant.events", new Envelope(a, UUID.randomUUID(), "tenant.asset.created", 1,
                t0.plusSeconds(20), ((com.fasterxml.jackson.databind.node.ObjectNode) EventContracts.examples("tenant.asset.created")
                        .get(0).deepCopy()).put("id", UUID.randomUUID().toString()).put("tenantId", a.toString()).toString()));
        publisher.publish("tenant.events", new Envelope(b, UUID.randomUUID(), "tenant.created", 1, t0,
                payload(b, "tenant.created", "Globex", "globex", "ONBOARDING")));
        Keycloak.tenantGroup(a);
        String viewerA = Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + a));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)
                && given().auth().oauth2(viewerA).get("/api/v1/reports/tenants").jsonPath().getList("items").isEmpty()) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // let the late, older event arrive too
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants").then().statusCode(200)
                .body("items.tenantId", contains(a.toString()))
                .body("items[0].name", equalTo("Acme Bank"))
                .body("items[0].status", equalTo("ACTIVE"));
    }

    /** A profile event as tenant-service publishes it: the schema's example for that type, with these values. */
    private static String payload(UUID tenant, String type, String name, String slug, String status) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) EventContracts.examples(type).get(0).deepCopy())
                .put("id", tenant.toString()).put("name", name).put("slug", slug).put("status", status).toString();
    }
}
