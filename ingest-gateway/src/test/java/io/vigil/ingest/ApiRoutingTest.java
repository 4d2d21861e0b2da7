package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the front door of the other services' APIs (forwarding itself is checked end to end in
 * ThinSliceIT against the running services): it authenticates first and says when a service is down.
 */
@QuarkusTest
class ApiRoutingTest {

    @Inject
    io.vigil.ingest.routing.ApiRouter router;

    @Test
    void eachPathGoesToTheServiceThatOwnsIt() {
        String tenants = "http://127.0.0.1:1";
        String detection = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("vigil.ingest.routes.rules", String.class);
        UUID t = UUID.randomUUID();
        assertEquals(tenants, router.upstream("tenants").orElseThrow());
        assertEquals(tenants, router.upstream("tenants/" + t).orElseThrow());
        assertEquals(tenants, router.upstream("tenants/" + t + "/contacts").orElseThrow());
        for (String detectionOwned : List.of("filters", "filters/mf-x", "baselines/facts", "rule-settings",
                "detection-mapping", "event-retention", "rule-verdicts", "rule-coverage")) {
            assertEquals(detection, router.upstream("tenants/" + t + "/" + detectionOwned).orElseThrow(), detectionOwned);
        }
        assertEquals(detection, router.upstream("events").orElseThrow());
        assertEquals(detection, router.upstream("rules/x/verdicts").orElseThrow());
        assertTrue(router.upstream("nothing-here").isEmpty());
    }

    @Test
    void anUnauthenticatedCallIsRefusedAtTheGateway() {
        given().get("/api/v1/tenants").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/alerts/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void aServiceThatDoesNotAnswerIsA503WithRetryAfter() {
        String token = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants"));
        // In tests the tenants and alerts routes lead to a port where nothing listens.
        given().auth().oauth2(token).get("/api/v1/tenants?limit=5").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", containsString("/api/v1/tenants"));
        given().auth().oauth2(token).get("/api/v1/alerts").then().statusCode(503);
        given().auth().oauth2(token).get("/api/v1/nothing-here").then().statusCode(404);
        // The gateway's own API is not forwarded.
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(equalTo(200));
    }
    @Test
    void aNamedApproversLinkNeedsNoTokenAndCarriesNoneOn() throws Exception {
        // case-service stands behind the approvals route here: a real HTTP server that records what it gets.
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var upstream = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 18389), 0);
        upstream.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = "{\"state\":\"OPEN\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
        try {
            UUID t = UUID.randomUUID();
            String link = "/api/v1/approvals/" + t + "/abcDEF123";
            given().get(link).then().statusCode(200).body("state", equalTo("OPEN"));
            given().header("Authorization", "Bearer not-for-case-service").contentType("application/json")
                    .body("{\"approve\":true,\"note\":\"ok\"}").post(link).then().statusCode(200);
            assertEquals(List.of("GET " + link + " auth=null body=", "POST " + link + " auth=null body={\"approve\":true,\"note\":\"ok\"}"),
                    seen);
            // Only the link's own shape is open; anything else under approvals is not.
            given().get("/api/v1/approvals/" + t).then().statusCode(org.hamcrest.Matchers.not(200));
            given().get(link + "/more").then().statusCode(org.hamcrest.Matchers.not(200));
            assertEquals(2, seen.size());
        } finally {
            upstream.stop(0);
        }
    }
}
