package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alerts published by detection reach the right tenant's queue once, and no other tenant's. */
@QuarkusTest
class AlertIntakeTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void publishedAlertReachesOnlyItsTenantsQueueOnce() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Keycloak.tenantGroup(a);
        Keycloak.tenantGroup(b);
        Envelope alert = new Envelope(a, UUID.randomUUID(), "alert.raised", 1, Instant.now(),
                "{\"ruleId\":\"5f1abf38-3f32-4ac4-a2a4-4d9a1cd3a5a1\",\"title\":\"Suspicious PowerShell\",\"severity\":\"high\"}");
        publisher.publish("alerts", alert);
        publisher.publish("alerts", alert); // redelivered: must not duplicate

        String analystA = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + a));
        String viewerB = Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + b));
        awaitAlert(analystA, alert.id());
        given().auth().oauth2(analystA).get("/api/v1/alerts?limit=500").then().statusCode(200)
                .body("items.findAll { it.id == '" + alert.id() + "' }.size()", equalTo(1))
                .body("items[0].severity", equalTo("HIGH"));
        given().auth().oauth2(viewerB).get("/api/v1/alerts").then().statusCode(200)
                .body("items.id", not(hasItem(alert.id().toString())))
                .body("items.tenantId", everyItem(equalTo(b.toString())));
        given().auth().oauth2(viewerB).get("/api/v1/alerts/" + alert.id()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void awaitAlert(String token, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (given().auth().oauth2(token).get("/api/v1/alerts/" + id).statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("alert " + id + " never reached the queue");
    }
}
