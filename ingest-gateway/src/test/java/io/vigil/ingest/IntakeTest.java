package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Telemetry in at the gateway, out on the tenant's stream; what cannot be parsed is kept, not lost. */
@QuarkusTest
class IntakeTest {

    /** Health is served on the management interface, not the API port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    @Inject
    RedisDataSource redis;
    @Inject
    EventStreams streams;

    final ObjectMapper mapper = new ObjectMapper();

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson", ContentType.TEXT));
    }

    static String sender(UUID tenant) {
        Keycloak.tenantGroup(tenant);
        return Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + tenant));
    }

    @Test
    void ndjsonOfRealWindowsEventsLandsOnTheTenantsStreamAndBadLinesInDeadLetter() throws Exception {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        List<String> real = realWindowsEvents(20);
        String body = String.join("\n", real.subList(0, 10)) + "\n{\"EventID\": 4688, \"CommandLine\": \"trunc\n"
                + String.join("\n", real.subList(10, 20)) + "\n";

        given().auth().oauth2(token).contentType("application/x-ndjson").body(body)
                .post("/api/v1/ingest/events").then().statusCode(202)
                .body("accepted", equalTo(20), "deadLettered", equalTo(1),
                        "stream", equalTo(streams.streamFor(tenant)));

        List<JsonNode> onStream = eventsOf(tenant);
        assertEquals(20, onStream.size());
        for (JsonNode e : onStream) {
            assertEquals(tenant.toString(), e.get("tenant.id").asText());
            assertTrue(e.hasNonNull("@timestamp") && e.hasNonNull("event.id"), e.toString());
            // ECS names travel beside the source's own names
            assertEquals(e.path("EventID").asText(), e.path("event.code").asText(), e.toString());
            if (e.has("Image")) {
                assertEquals(e.get("Image").asText(), e.path("process.executable").asText());
            }
        }
        // Original fields survive normalisation, in order.
        JsonNode firstSent = mapper.readTree(real.get(0));
        firstSent.fieldNames().forEachRemaining(f ->
                assertEquals(firstSent.get(f), onStream.get(0).get(f), "field " + f));

        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].lineNumber", equalTo(11))
                .body("items[0].reason", containsString("not valid JSON"))
                .body("items[0].raw", containsString("trunc"));
    }

    @Test
    void rawCefAndSyslogLinesAreParsedNormalisedAndBadLinesKept() throws Exception {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        java.nio.file.Path parsing = io.vigil.platform.testing.VigilInfra.sharedData().resolve("parsing");
        List<String> cef = Files.readAllLines(parsing.resolve("cef/beats-decode_cef/samples.log")).stream()
                .filter(l -> !l.isBlank()).toList();
        String body = String.join("\n", cef) + "\nCEF:0|Vendor|Product|1.0|100\n";
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(body)
                .post("/api/v1/ingest/raw?format=cef").then().statusCode(202)
                .body("accepted", equalTo(cef.size()), "deadLettered", equalTo(1));
        List<JsonNode> events = eventsOf(tenant);
        assertEquals(cef.size(), events.size());
        assertTrue(events.stream().anyMatch(e -> "10.0.0.192".equals(e.path("source.ip").asText())), "source.ip normalised");
        assertTrue(events.stream().allMatch(e -> e.hasNonNull("event.original") && e.hasNonNull("cef.device.vendor")));
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items[0].format", equalTo("cef"))
                .body("items[0].reason", containsString("truncated CEF header"));

        String syslog = String.join("\n", Files.readAllLines(parsing.resolve("syslog-rfc5424/tenzir/heterogeneous.input.log")));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(syslog)
                .post("/api/v1/ingest/raw?format=syslog").then().statusCode(202).body("accepted", equalTo(3));
        JsonNode first = eventsOf(tenant).stream().filter(e -> "first".equals(e.path("message").asText())).findFirst().orElseThrow();
        assertEquals("app", first.path("process.name").asText());
        assertEquals(123, first.path("process.pid").asInt());
        assertEquals("42", first.path("log.syslog.structured_data.example.value").asText());
        assertEquals("2023-01-01T00:00:00Z", first.path("@timestamp").asText());

        given().auth().oauth2(token).contentType(ContentType.TEXT).body("x")
                .post("/api/v1/ingest/raw?format=evtx").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("format must be one of"));
    }

    @Test
    void anotherTenantSeesNoneOfTheDeadLetters() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        given().auth().oauth2(sender(a)).contentType("application/x-ndjson").body("oops\n")
                .post("/api/v1/ingest/events").then().statusCode(202).body("deadLettered", equalTo(1));
        given().auth().oauth2(sender(b)).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items.tenantId", everyItem(equalTo(b.toString())));
    }

    @Test
    void aClientCannotChooseTheTenantOrIdsOfItsEvents() throws Exception {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        String other = UUID.randomUUID().toString();
        String body = "{\"EventID\": 1, \"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"tenant.id\": \"" + other
                + "\", \"event.id\": \"mine\", \"Image\": \"C:\\\\a.exe\"}\n"
                + "{\"EventID\": 1, \"@timestamp\": \"2026-11-24 08:00:00.1234567Z\", \"Image\": \"C:\\\\b.exe\"}\n";
        given().auth().oauth2(token).contentType("application/x-ndjson").body(body).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(2));
        List<JsonNode> events = eventsOf(tenant);
        assertEquals(2, events.size());
        for (JsonNode e : events) {
            assertEquals(tenant.toString(), e.get("tenant.id").asText(), e.toString());
            assertTrue(!"mine".equals(e.get("event.id").asText()));
        }
        // The client's time in another form is rewritten, the rest of its event kept.
        assertEquals("2026-11-24T08:00:00.123456700Z", events.get(1).get("@timestamp").asText());
        assertEquals("C:\\b.exe", events.get(1).get("Image").asText());
        assertEquals("C:\\a.exe", events.get(0).get("process.executable").asText());
    }

    @Test
    void jsonArrayAndObjectAreAccepted() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[{\"a\":1},{\"b\":2},3]")
                .post("/api/v1/ingest/events").then().statusCode(202)
                .body("accepted", equalTo(2), "deadLettered", equalTo(1));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"a\":1}")
                .post("/api/v1/ingest/events").then().statusCode(202).body("accepted", equalTo(1));
        assertEquals(3, eventsOf(tenant).size());
    }

    @Test
    void malformedBodiesGetPreciseProblems() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"a\": ")
                .post("/api/v1/ingest/events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("\"just a string\"")
                .post("/api/v1/ingest/events").then().statusCode(400)
                .body("detail", containsString("object or an array"));
        String deep = "[".repeat(200) + "]".repeat(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"x\":" + deep + "}")
                .post("/api/v1/ingest/events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting depth"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/ingest/events").then().statusCode(401)
                .contentType("application/problem+json");
        given().get(ready).then().statusCode(200);
    }

    @Test
    void providerStaffOfSeveralTenantsMustNameTheTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Keycloak.tenantGroup(a);
        Keycloak.tenantGroup(b);
        String tier1 = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + a, "/tenants/" + b));
        given().auth().oauth2(tier1).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/ingest/events").then().statusCode(422).body("errors[0].field", equalTo("X-Vigil-Tenant"));
        given().auth().oauth2(tier1).header("X-Vigil-Tenant", b.toString()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/ingest/events").then().statusCode(202).body("tenantId", equalTo(b.toString()));
    }

    /**
     * A shipper that lost the answer (a timeout, a dropped connection, a gateway restart) sends the batch
     * again with the same Idempotency-Key: its events carry the same ids both times, so the event store
     * keeps and detection matches each once. Another key, or another tenant with the key, names new events.
     */
    @Test
    void aBatchSentAgainWithItsIdempotencyKeyNamesTheSameEvents() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String body = String.join("\n", realWindowsEvents(3));
        for (String key : List.of("shipper-7:batch-000042", "shipper-7:batch-000042", "shipper-7:batch-000043")) {
            given().auth().oauth2(sender(tenant)).header("Idempotency-Key", key).contentType("application/x-ndjson")
                    .body(body).post("/api/v1/ingest/events").then().statusCode(202).body("accepted", equalTo(3));
        }
        given().auth().oauth2(sender(other)).header("Idempotency-Key", "shipper-7:batch-000042")
                .contentType("application/x-ndjson").body(body).post("/api/v1/ingest/events").then().statusCode(202);
        given().auth().oauth2(sender(tenant)).contentType("application/x-ndjson").body(body)
                .post("/api/v1/ingest/events").then().statusCode(202);
        List<String> ids = eventsOf(tenant).stream().map(e -> e.get("event.id").asText()).toList();
        assertEquals(12, ids.size());
        assertEquals(ids.subList(0, 3), ids.subList(3, 6), "the retry names the same three events");
        assertEquals(9, new java.util.HashSet<>(ids).size(), "another key and no key name new events");
        List<String> theirs = eventsOf(other).stream().map(e -> e.get("event.id").asText()).toList();
        assertTrue(java.util.Collections.disjoint(ids, theirs), "another tenant's key names other events");

        for (String bad : List.of("has space", "x".repeat(201), "clé-é")) {
            given().auth().oauth2(sender(tenant)).header("Idempotency-Key", bad).contentType("application/x-ndjson")
                    .body(body).post("/api/v1/ingest/events").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("Idempotency-Key"));
        }
    }

    private List<JsonNode> eventsOf(UUID tenant) {
        List<StreamMessage<String, String, String>> all = redis.stream(String.class, String.class, String.class)
                .xrange(streams.streamFor(tenant), StreamRange.of("-", "+"));
        // The gateway writes several events per entry (event.batch), one JSON object per line.
        return all.stream().filter(m -> tenant.toString().equals(m.payload().get("tenantId")))
                .flatMap(m -> java.util.Arrays.stream(m.payload().get("payload").split("\n")))
                .map(line -> {
                    try {
                        return mapper.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toList());
    }

    /** Real Windows events (Sysmon and Security) from the Sigma regression samples, one JSON object per line. */
    private static List<String> realWindowsEvents(int n) throws Exception {
        Path file = io.vigil.platform.testing.VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).limit(n).toList();
        }
    }
}
