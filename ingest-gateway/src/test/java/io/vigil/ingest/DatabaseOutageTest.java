package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.TcpProxy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL out of reach of the gateway (through a relay the test cuts): ingestion goes on and readiness
 * stays up, since it needs Redis only; a batch whose bad lines cannot be kept answers 503 with Retry-After
 * and publishes nothing, so the shipper's retry sends each good event once.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughRelay.class)
class DatabaseOutageTest {

    /** Health is served on the management interface, not the API port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/group/dead-letters", management = true)
    java.net.URL deadLetterHealth;

    static final TcpProxy RELAY = relay();

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + RELAY.port()
                    + "/vigil_test?currentSchema=ingest&connectTimeout=2&socketTimeout=5",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }
    }

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson",
                        io.restassured.http.ContentType.TEXT));
    }

    @Inject
    RedisDataSource redis;

    @AfterEach
    void restore() {
        RELAY.restore();
    }

    @Test
    void ingestionGoesOnWithoutPostgresqlAndABatchWithLinesToKeepWaitsForIt() {
        UUID tenant = UUID.randomUUID();
        String token = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(tenant)));
        String good = "{\"EventID\": 4688, \"CommandLine\": \"whoami\"}";
        String stream = given().auth().oauth2(token).contentType("application/x-ndjson").body(good)
                .post("/api/v1/ingest/events").then().statusCode(202).extract().path("stream");

        RELAY.cutOff();
        given().get(ready).then().statusCode(200);
        given().get(deadLetterHealth).then().statusCode(503);
        given().auth().oauth2(token).contentType("application/x-ndjson").body(good + "\n" + good)
                .post("/api/v1/ingest/events").then().statusCode(202).body("accepted", equalTo(2));
        var cmd = redis.stream(String.class, String.class, String.class);
        long before = cmd.xlen(stream);
        given().auth().oauth2(token).contentType("application/x-ndjson").body(good + "\n{not json\n" + good)
                .post("/api/v1/ingest/events").then().statusCode(503).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        assertEquals(before, cmd.xlen(stream), "nothing published: the retry will send the good events once");

        RELAY.restore();
        given().auth().oauth2(token).contentType("application/x-ndjson").body(good + "\n{not json\n" + good)
                .post("/api/v1/ingest/events").then().statusCode(202).body("accepted", equalTo(2), "deadLettered", equalTo(1));
        given().get(deadLetterHealth).then().statusCode(200);
    }

    private static TcpProxy relay() {
        try {
            return new TcpProxy("127.0.0.1", Integer.parseInt(System.getenv().getOrDefault("VIGIL_PG_PORT", "55432")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
