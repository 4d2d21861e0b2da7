package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.access.UsageRecorder;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Client systems authenticate with the ingestion keys tenant-service publishes in Redis (the directory
 * contract of {@link ApiKeys}); suspended tenants, revoked keys and tenants over their limits are refused.
 */
@QuarkusTest
class AccessTest {

    private static final String EVENT = "{\"EventID\": 4624, \"TargetUserName\": \"alice\"}\n";

    @Inject
    RedisDataSource redis;
    @Inject
    UsageRecorder usage;
    @Inject
    io.vigil.platform.streams.EventStreams streams;

    record Issued(UUID tenant, UUID keyId, UUID source, String key) {
    }

    /** What tenant-service does when it issues a key for an active tenant. */
    Issued issue() {
        Issued k = new Issued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), ApiKeys.generate());
        redis.hash(String.class).hset(ApiKeys.KEY_ENTRY + ApiKeys.hash(k.key()), Map.of("tenantId", k.tenant().toString(),
                "keyId", k.keyId().toString(), "logSourceId", k.source().toString()));
        redis.value(String.class).set(ApiKeys.TENANT_STATUS + k.tenant(), "ACTIVE");
        return k;
    }

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson",
                        io.restassured.http.ContentType.TEXT));
    }

    io.restassured.response.Response send(String key, String body) {
        return given().header(ApiKeys.HEADER, key).contentType("application/x-ndjson").body(body)
                .post("/api/v1/ingest/events");
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    /**
     * Metrics (every tenant's event counts) and health are not on the port that faces clients: they are
     * served by the management interface, on loopback, and the API port answers 404 for them.
     */
    @Test
    void metricsAndHealthAreOnlyOnTheManagementInterface() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get(metrics).then().statusCode(200).body(containsString("jvm_memory"));
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        assertEquals("127.0.0.1", metrics.getHost());
        given().get("/q/openapi?format=json").then().statusCode(200); // the published contract stays public
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void aKeyIngestsForItsTenantAndRecordsItsUseAndItsSource() {
        Issued k = issue();
        send(k.key(), EVENT + EVENT).then().statusCode(202)
                .body("tenantId", equalTo(k.tenant().toString()), "accepted", equalTo(2));
        usage.flush();
        assertNotNull(redis.hash(String.class).hget(ApiKeys.KEY_LAST_USED, k.keyId().toString()));
        assertNotNull(redis.hash(String.class).hget(ApiKeys.SOURCE_LAST_SEEN, k.source().toString()));
        // Its volume: the events it delivered today (UTC), added up over requests, one write per flush.
        String today = ApiKeys.SOURCE_EVENTS_PREFIX + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        send(k.key(), EVENT + EVENT + EVENT).then().statusCode(202);
        usage.flush();
        usage.flush();
        assertEquals("5", redis.hash(String.class).hget(today, k.source().toString()), "2 + 3 events, counted once");
        assertTrue(redis.key(String.class).ttl(today) > 0, "the day's counts expire");
        // The key's tenant set is its tenant only: naming another tenant is refused.
        given().header(ApiKeys.HEADER, k.key()).header("X-Vigil-Tenant", UUID.randomUUID().toString())
                .contentType("application/x-ndjson").body(EVENT).post("/api/v1/ingest/events").then().statusCode(403);
    }

    @Test
    void rawLinesFollowTheFormatOfTheKeysLogSourceAndCarryItsId() throws Exception {
        Issued k = issue();
        redis.hash(String.class).hset(ApiKeys.KEY_ENTRY + ApiKeys.hash(k.key()), Map.of("format", "cef"));
        given().header(ApiKeys.HEADER, k.key()).contentType(io.restassured.http.ContentType.TEXT)
                .body("CEF:0|Vendor|FW|1.0|100|blocked|5|src=10.0.0.1 dst=10.0.0.2\n")
                .post("/api/v1/ingest/raw").then().statusCode(202).body("accepted", equalTo(1));
        // A client cannot claim another source for its events.
        send(k.key(), "{\"message\": \"x\", \"vigil.log_source.id\": \"" + UUID.randomUUID() + "\"}\n")
                .then().statusCode(202);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
        for (var m : redis.stream(String.class, String.class, String.class)
                .xrange(streams.streamFor(k.tenant()), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
            if (k.tenant().toString().equals(m.payload().get("tenantId"))) {
                for (String line : m.payload().get("payload").split("\n")) {
                    events.add(mapper.readTree(line));
                }
            }
        }
        assertEquals(2, events.size());
        assertEquals("10.0.0.1", events.get(0).path("source.ip").asText());
        for (var event : events) {
            assertEquals(k.source().toString(), event.path("vigil.log_source.id").asText(), event.toString());
        }
    }

    @Test
    void unknownMalformedOrDoubledCredentialsAreRefusedPrecisely() {
        send(ApiKeys.generate(), EVENT).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("unknown or has been revoked"));
        send("hunter2", EVENT).then().statusCode(401).body("detail", containsString("does not hold a Vigil API key"));
        Issued k = issue();
        String token = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(k.tenant())));
        given().auth().oauth2(token).header(ApiKeys.HEADER, k.key()).contentType("application/x-ndjson").body(EVENT)
                .post("/api/v1/ingest/events").then().statusCode(401).body("detail", containsString("not both"));
    }

    @Test
    void onlyAccessTokensMeantForVigilAreAccepted() {
        UUID tenant = UUID.randomUUID();
        Keycloak.User admin = Keycloak.user(List.of("customer-admin"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(admin.token()).get("/api/v1/ingest/dead-letters").then().statusCode(200);
        // The same user, signed in through another client of the realm: a valid token, not meant for Vigil.
        String otherClient = given().baseUri(Keycloak.baseUrl()).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", admin.username()).formParam("password", admin.password())
                .post("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        given().auth().oauth2(otherClient).get("/api/v1/ingest/dead-letters").then().statusCode(401);
        // An ID token says who signed in; it is no credential for an API.
        String idToken = given().baseUri(Keycloak.baseUrl()).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "vigil-cli").formParam("scope", "openid")
                .formParam("username", admin.username()).formParam("password", admin.password())
                .post("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("id_token");
        given().auth().oauth2(idToken).get("/api/v1/ingest/dead-letters").then().statusCode(401);
    }

    @Test
    void aCustomerViewerReadsThePortalButCannotSendTelemetry() {
        UUID tenant = UUID.randomUUID();
        String cio = Keycloak.userToken(List.of("customer-viewer"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(cio).contentType("application/x-ndjson").body(EVENT).post("/api/v1/ingest/events").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(cio).contentType(io.restassured.http.ContentType.TEXT).body("<34>1 2003-10-11T22:14:15.003Z h a - - - x")
                .post("/api/v1/ingest/raw?format=syslog").then().statusCode(403);
        given().auth().oauth2(cio).contentType(io.restassured.http.ContentType.TEXT).body("<34>1 2003-10-11T22:14:15.003Z h a - - - x")
                .post("/api/v1/ingest/preview?format=syslog").then().statusCode(200); // nothing is stored
        String admin = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(admin).contentType("application/x-ndjson").body(EVENT).post("/api/v1/ingest/events").then()
                .statusCode(202);
    }

    @Test
    void aRevokedKeyStopsWorking() throws InterruptedException {
        Issued k = issue();
        send(k.key(), EVENT).then().statusCode(202);
        redis.key(String.class).del(ApiKeys.KEY_ENTRY + ApiKeys.hash(k.key())); // tenant-service revokes it
        Thread.sleep(400); // beyond the test's directory cache
        send(k.key(), EVENT).then().statusCode(401);
    }

    @Test
    void aSuspendedTenantsTelemetryIsRefusedWhateverTheCredential() throws InterruptedException {
        Issued k = issue();
        String token = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(k.tenant())));
        redis.value(String.class).set(ApiKeys.TENANT_STATUS + k.tenant(), "SUSPENDED");
        Thread.sleep(400);
        send(k.key(), EVENT).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("suspended"));
        given().auth().oauth2(token).contentType("application/x-ndjson").body(EVENT).post("/api/v1/ingest/events")
                .then().statusCode(403);
        redis.value(String.class).set(ApiKeys.TENANT_STATUS + k.tenant(), "ACTIVE");
        Thread.sleep(400);
        send(k.key(), EVENT).then().statusCode(202);
    }

    @Test
    void overItsRateATenantGets429WithRetryAfterAndKeepsItsBatch() {
        Issued k = issue();
        redis.hash(String.class).hset(ApiKeys.TENANT_LIMITS + k.tenant(), Map.of("eventsPerSecond", "2", "burst", "10"));
        send(k.key(), EVENT.repeat(10)).then().statusCode(202).body("accepted", equalTo(10));
        send(k.key(), EVENT.repeat(6)).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("detail", containsString("2 events/s"));
        // Another tenant is not affected.
        Issued other = issue();
        send(other.key(), EVENT.repeat(6)).then().statusCode(202);
    }

    @Test
    void overItsDailyQuotaATenantGets429UntilMidnightUtc() {
        Issued k = issue();
        redis.hash(String.class).hset(ApiKeys.TENANT_LIMITS + k.tenant(), Map.of("dailyQuota", "30"));
        send(k.key(), EVENT.repeat(20)).then().statusCode(202);
        send(k.key(), EVENT.repeat(20)).then().statusCode(429).body("detail", containsString("daily quota"))
                .header("Retry-After", notNullValue());
        send(k.key(), EVENT.repeat(10)).then().statusCode(202);
    }
}
