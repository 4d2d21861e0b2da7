package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * When consumers fall so far behind that Redis is full (its maxmemory with noeviction, as ./vigil runs it),
 * a batch is answered 503 with Retry-After and nothing is dropped silently; once there is room, it is taken.
 * Told apart by the error Redis answers (OOM), not by the wording of a message.
 */
@QuarkusTest
class FullBacklogTest {

    static final RestAssuredConfig NDJSON = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT));

    @Inject
    RedisDataSource redis;

    @Test
    void aFullRedisIsA503WithRetryAfterAndTheSameBatchIsTakenOnceThereIsRoom() {
        UUID tenant = UUID.randomUUID();
        Keycloak.tenantGroup(tenant);
        String token = Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + tenant));
        String body = "{\"EventID\":4688,\"Computer\":\"ws-1\",\"CommandLine\":\"whoami\"}\n";
        // A tenant without limits: nothing is charged, so the append to its shard is what Redis refuses.
        UUID unlimited = UUID.randomUUID();
        Keycloak.tenantGroup(unlimited);
        String unlimitedToken = Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + unlimited));
        redis.hash(String.class).hset("vigil:tenant-limits:" + unlimited, java.util.Map.of("eventsPerSecond", "0",
                "burst", "0", "dailyQuota", "0"));
        var got = redis.execute("CONFIG", "GET", "maxmemory");
        String before = got.getKeys().isEmpty() ? got.get(1).toString() : got.get("maxmemory").toString(); // RESP2 or 3
        try {
            redis.execute("CONFIG", "SET", "maxmemory", "1");
            given().config(NDJSON).auth().oauth2(token).contentType("application/x-ndjson").body(body)
                    .post("/api/v1/ingest/events").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("detail", containsString("backlog is full"));
            given().config(NDJSON).auth().oauth2(unlimitedToken).contentType("application/x-ndjson").body(body)
                    .post("/api/v1/ingest/events").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("detail", containsString("backlog is full"));
        } finally {
            redis.execute("CONFIG", "SET", "maxmemory", before);
        }
        given().config(NDJSON).auth().oauth2(token).contentType("application/x-ndjson").body(body)
                .post("/api/v1/ingest/events").then().statusCode(202);
        given().config(NDJSON).auth().oauth2(unlimitedToken).contentType("application/x-ndjson").body(body)
                .post("/api/v1/ingest/events").then().statusCode(202);
    }
}
