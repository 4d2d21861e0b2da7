package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.SchemaCheckedPublishing;
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
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void publishedAlertReachesOnlyItsTenantsQueueOnce() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Keycloak.tenantGroup(a);
        Keycloak.tenantGroup(b);
        Envelope alert = alert(a, "5f1abf38-3f32-4ac4-a2a4-4d9a1cd3a5a1", "Suspicious PowerShell", "HIGH");
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

    @Test
    void aVerdictClosesTheAlertAndIsAnnouncedOnceToDetection() throws Exception {
        UUID a = UUID.randomUUID();
        Envelope alert = alert(a, "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d", "Snipping Tool URI", "HIGH");
        long since = System.currentTimeMillis();
        publisher.publish("alerts", alert);
        String analyst = Keycloak.userToken(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(a)));
        awaitAlert(analyst, alert.id());
        given().auth().oauth2(analyst).contentType("application/json")
                .body(java.util.Map.of("verdict", "FALSE_POSITIVE", "note", "the internal screenshot share"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("verdict", equalTo("FALSE_POSITIVE"))
                .body("closedBy", org.hamcrest.Matchers.notNullValue());
        // A retried request changes nothing and announces nothing.
        given().auth().oauth2(analyst).contentType("application/json")
                .body(java.util.Map.of("verdict", "FALSE_POSITIVE", "note", "the internal screenshot share"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(200);
        given().auth().oauth2(analyst).contentType("application/json")
                .body(java.util.Map.of("verdict", "TRUE_POSITIVE", "note", "not the share: an attacker's server"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(200)
                .body("verdict", equalTo("TRUE_POSITIVE"));
        given().auth().oauth2(analyst).contentType("application/json").body(java.util.Map.of("verdict", "MAYBE"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(400)
                .contentType("application/problem+json");
        String otherTenant = Keycloak.userToken(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(UUID.randomUUID())));
        given().auth().oauth2(otherTenant).contentType("application/json").body(java.util.Map.of("verdict", "TRUE_POSITIVE"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(404);
        String viewer = Keycloak.userToken(List.of("customer-viewer"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(viewer).contentType("application/json").body(java.util.Map.of("verdict", "TRUE_POSITIVE"))
                .put("/api/v1/alerts/" + alert.id() + "/verdict").then().statusCode(403);

        List<com.fasterxml.jackson.databind.JsonNode> announced = new java.util.ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(10);
        while (announced.size() < 2 && Instant.now().isBefore(deadline)) {
            announced.clear();
            for (var m : redis.stream(String.class, String.class, String.class).xrange("alert-verdicts",
                    io.quarkus.redis.datasource.stream.StreamRange.of(since + "-0", "+"))) {
                if (a.toString().equals(m.payload().get("tenantId"))) {
                    announced.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.payload().get("payload")));
                }
            }
            Thread.sleep(100);
        }
        Thread.sleep(300);
        assertEquals(2, announced.size(), announced.toString());
        assertEquals("FALSE_POSITIVE", announced.get(0).path("verdict").asText());
        assertTrue(announced.get(0).path("previousVerdict").isNull());
        assertEquals("TRUE_POSITIVE", announced.get(1).path("verdict").asText());
        assertEquals("FALSE_POSITIVE", announced.get(1).path("previousVerdict").asText());
        assertEquals("7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d", announced.get(1).path("ruleId").asText());
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

    /** Every example of the published alert.raised schema reaches the queue, with its title and severity. */
    @Test
    void everySchemaExampleOfAnAlertIsTakenAndAnUnknownSchemaVersionIsDeadLettered() throws Exception {
        UUID tenant = UUID.randomUUID();
        String analyst = Keycloak.userToken(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(tenant)));
        List<com.fasterxml.jackson.databind.JsonNode> examples = EventContracts.examples("alert.raised");
        for (com.fasterxml.jackson.databind.JsonNode example : examples) {
            Envelope e = new Envelope(tenant, UUID.randomUUID(), "alert.raised", 1, Instant.now(), example.toString());
            publisher.publish("alerts", e);
            awaitAlert(analyst, e.id());
            given().auth().oauth2(analyst).get("/api/v1/alerts/" + e.id()).then().statusCode(200)
                    .body("title", equalTo(example.path("title").asText()))
                    .body("severity", equalTo(example.path("severity").asText()))
                    .body("ruleId", equalTo(example.path("ruleId").asText()));
        }
        Envelope future = new Envelope(tenant, UUID.randomUUID(), "alert.raised", 2, Instant.now(),
                examples.get(0).toString());
        long since = System.currentTimeMillis();
        SchemaCheckedPublishing.unchecked(() -> publisher.publish("alerts", future)); // a producer ahead of this reader
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(20).toMillis();
        String reason = null;
        while (reason == null && System.currentTimeMillis() < deadline) {
            for (var m : redis.stream(String.class, String.class, String.class).xrange("alerts.dead",
                    io.quarkus.redis.datasource.stream.StreamRange.of(since + "-0", "+"))) {
                if (future.id().toString().equals(m.payload().get("id"))) {
                    reason = m.payload().get("deadReason");
                }
            }
            Thread.sleep(100);
        }
        assertEquals("alert.raised schemaVersion 2 is not one this consumer reads ([1])", reason);
        given().auth().oauth2(analyst).get("/api/v1/alerts/" + future.id()).then().statusCode(404);
    }

    /** A valid alert.raised message: the schema's first example with this rule, title and severity. */
    static Envelope alert(UUID tenant, String ruleId, String title, String severity) {
        com.fasterxml.jackson.databind.node.ObjectNode p =
                (com.fasterxml.jackson.databind.node.ObjectNode) EventContracts.examples("alert.raised").get(0).deepCopy();
        p.put("ruleId", ruleId).put("ruleTitle", title).put("title", title).put("severity", severity);
        return new Envelope(tenant, UUID.randomUUID(), "alert.raised", 1, Instant.now(), p.toString());
    }
}
