package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumer;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Staff list what a consumer dead-lettered, with why, and put it back once the cause is fixed. */
@QuarkusTest
class DeadLetterStreamsTest {

    @Inject
    StreamConsumers consumers;
    @Inject
    StreamPublisher publisher;
    @Inject
    RedisDataSource redis;

    /** Refuses events that mention "poison", on their own merits; a batch is handled line by line when it fails. */
    static final class Picky implements MessageHandler {
        @Override
        public void handle(Envelope e) {
            if (e.payload().contains("poison")) {
                throw new IllegalArgumentException("an event this consumer cannot read");
            }
        }

        @Override
        public List<Envelope> parts(Envelope e) {
            if (!EventStreams.EVENT_BATCH.equals(e.type())) {
                return List.of(e);
            }
            return Arrays.stream(e.payload().split("\n"))
                    .map(line -> new Envelope(e.tenantId(), UUID.nameUUIDFromBytes(line.getBytes()), EventStreams.EVENT,
                            1, e.occurredAt(), line)).toList();
        }
    }

    private static String cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = io.vigil.detection.engine.cli.StreamsCli.run(args, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void staffListADeadLetterWithItsReasonAndReplayItOntoItsStream() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String stream = "test.dl." + UUID.randomUUID();
        Envelope batch = io.vigil.platform.testing.TestEvents.batch(a, "{\"n\":1}\n{\"n\":2,\"x\":\"poison\"}\n{\"n\":3}");
        String poison = batch.payload().split("\n")[1];
        publisher.publish(stream, batch);
        StreamConsumer consumer = consumers.create(stream, "picky", "one", new Picky());
        assertEquals(1, consumer.pollOnce(), "the entry is settled: two events handled, one set aside");
        String dead = stream + ".dead";

        String staffA = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(a)));
        String staffB = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(b)));
        String entry = given().auth().oauth2(staffA).queryParam("stream", dead).get("/api/v1/streams/dead-letters").then()
                .statusCode(200).body("length", equalTo(1)).body("items", hasSize(1))
                .body("items[0].tenantId", equalTo(a.toString()))
                .body("items[0].reason", containsString("cannot read"))
                .body("items[0].payload", containsString("poison"))
                .body("items[0].group", equalTo("picky")).extract().path("items[0].entryId");
        given().auth().oauth2(staffB).queryParam("stream", dead).get("/api/v1/streams/dead-letters").then()
                .statusCode(200).body("items", hasSize(0));
        String cio = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(cio).queryParam("stream", dead).get("/api/v1/streams/dead-letters").then().statusCode(403);
        given().auth().oauth2(staffA).queryParam("stream", "events.0").get("/api/v1/streams/dead-letters").then()
                .statusCode(400).contentType("application/problem+json");

        String managerB = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(b)));
        given().auth().oauth2(managerB).contentType(ContentType.JSON).body(Map.of("entryIds", List.of(entry)))
                .queryParam("stream", dead).post("/api/v1/streams/dead-letters/replay").then().statusCode(404);
        // ./vigil streams, as an operator runs it against this gateway.
        String managerA = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(a)));
        String url = "http://127.0.0.1:" + io.restassured.RestAssured.port;
        String listed = cli("dead", dead, "--url", url, "--token", managerA);
        assertEquals(2, listed.lines().count(), listed);
        assertEquals(true, listed.lines().findFirst().orElseThrow().contains(entry), listed);
        assertEquals(true, listed.contains("\"listed\":1"), listed);
        String replayedOut = cli("replay", dead, entry, "--url", url, "--token", managerA);
        assertEquals(true, replayedOut.contains("\"replayed\":1"), replayedOut);

        var cmd = redis.stream(String.class, String.class, String.class);
        assertEquals(0L, cmd.xlen(dead), "gone from dead-letter");
        List<StreamMessage<String, String, String>> back = cmd.xrange(stream, StreamRange.of("-", "+"));
        StreamMessage<String, String, String> replayed = back.get(back.size() - 1);
        assertEquals(a.toString(), replayed.payload().get("tenantId"));
        assertEquals(EventStreams.EVENT, replayed.payload().get("type"), "the event alone, not its whole batch");
        assertEquals(poison, replayed.payload().get("payload"));
        assertEquals(false, replayed.payload().keySet().stream().anyMatch(k -> k.startsWith("dead")));
    }
}
