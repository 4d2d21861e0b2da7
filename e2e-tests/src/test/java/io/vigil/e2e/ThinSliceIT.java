package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged services started by ./vigil up, driven only through their HTTP APIs: a provider onboards a
 * client and imports a SigmaHQ rule; the client's systems send raw telemetry to the gateway; an analyst
 * finds the alert in the case queue; another client's user does not.
 */
class ThinSliceIT {

    static final String RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String RULE_ID = "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d";
    static final RestAssuredConfig TEXT = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .encodeContentTypeAs("application/yaml", ContentType.TEXT)
            .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT));
    static boolean startedHere;

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        if (!gatewayReady()) {
            assertEquals(0, vigil("up", "--no-build", "--no-demo"), "./vigil up failed: see .vigil/logs/e2e.log");
            startedHere = true;
        }
    }

    private static boolean gatewayReady() {
        try {
            return given().get("http://127.0.0.1:9080/q/health/ready").statusCode() == 200;
        } catch (Exception e) { // connection refused arrives unchecked through Groovy
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (startedHere) {
            vigil("down", "--services");
        }
    }

    @Test
    void telemetryInAtTheGatewayBecomesAnAlertInTheTenantsQueue() throws Exception {
        String admin = Keycloak.userToken(List.of("provider-admin"), List.of("/tenants"));
        String tenant = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E Client", "slug", "e2e-" + UUID.randomUUID().toString().substring(0, 8),
                        "socModel", "MANAGED", "timeZone", "Europe/Madrid"))
                .post("http://127.0.0.1:8081/api/v1/tenants").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE")).extract().path("id");
        String other = UUID.randomUUID().toString();
        Keycloak.tenantGroup(UUID.fromString(other));
        // The client's log source and its ingestion key, issued by tenant-service and honoured by the gateway.
        String source = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Sysmon", "product", "Microsoft Sysmon", "format", "JSON"))
                .post("http://127.0.0.1:8081/api/v1/tenants/" + tenant + "/log-sources").then().statusCode(201)
                .extract().path("id");
        String key = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "winlogbeat", "logSourceId", source))
                .post("http://127.0.0.1:8081/api/v1/tenants/" + tenant + "/api-keys").then().statusCode(201)
                .extract().path("key");

        // The host the labelled events come from is a critical asset of this client.
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenant, "hostname", "swachchhanda", "criticality", "CRITICAL"))
                .post("http://127.0.0.1:8081/api/v1/assets").then().statusCode(201);

        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().config(TEXT).auth().oauth2(engineer).contentType("application/yaml").body(yaml)
                .post("http://127.0.0.1:8082/api/v1/rules").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        List<String> events = labelledEvents();
        long sent = System.nanoTime();
        given().config(TEXT).header("X-Vigil-Api-Key", key).contentType("application/x-ndjson")
                .body(String.join("\n", events)).post("http://127.0.0.1:8080/api/v1/ingest/events").then()
                .statusCode(202).body("tenantId", org.hamcrest.Matchers.equalTo(tenant));

        String analyst = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + tenant));
        JsonPath queue = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            queue = given().auth().oauth2(analyst).get("http://127.0.0.1:8083/api/v1/alerts?limit=50").then()
                    .statusCode(200).extract().jsonPath();
            if (queue.getList("items").size() >= events.size()) {
                break;
            }
            Thread.sleep(50);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        System.out.println("ingestion to alerts in the queue: " + millis + " ms");
        assertEquals(events.size(), queue.getList("items").size(), "one alert per labelled event");
        assertTrue(queue.getList("items.ruleId").stream().allMatch(RULE_ID::equals));
        assertTrue(queue.getList("items.tenantId").stream().allMatch(tenant::equals));
        // A high-level rule on a critical asset: the gateway enriched the events, detection weighed them.
        assertTrue(queue.getList("items.severity").stream().allMatch("CRITICAL"::equals), queue.getList("items.severity").toString());

        // The same APIs through the gateway, the one public base URL.
        given().auth().oauth2(analyst).get("http://127.0.0.1:8080/api/v1/alerts?limit=50").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(events.size()));
        given().auth().oauth2(admin).get("http://127.0.0.1:8080/api/v1/tenants/" + tenant).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue()).body("id", org.hamcrest.Matchers.equalTo(tenant));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Night on-call", "phone", "+34 600 000 000"))
                .post("http://127.0.0.1:8080/api/v1/tenants/" + tenant + "/contacts").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/contacts/"));

        // The verdict loop: the analyst closes an alert as a false positive at case-service; detection counts it
        // for the rule and tenant, and the tuning view (through the gateway) shows it.
        String firstAlert = queue.getString("items[0].id");
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("verdict", "FALSE_POSITIVE", "note", "e2e: the lab's own test"))
                .put("http://127.0.0.1:8080/api/v1/alerts/" + firstAlert + "/verdict").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        String tuner = Keycloak.userToken(List.of("soc-tier2"), List.of("/tenants/" + tenant));
        long verdictDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Integer> falsePositives = List.of();
        while (System.nanoTime() < verdictDeadline && falsePositives.isEmpty()) {
            falsePositives = given().auth().oauth2(tuner).get("http://127.0.0.1:8080/api/v1/tenants/" + tenant
                    + "/rule-verdicts").then().statusCode(200).extract().path("items.falsePositives");
            Thread.sleep(100);
        }
        assertEquals(List.of(1), falsePositives, "detection counted the verdict for the rule");

        String outsider = Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + other));
        given().auth().oauth2(outsider).get("http://127.0.0.1:8083/api/v1/alerts").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));

        // The key's use and its source's traffic reach tenant-service; suspending the client stops its intake.
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String health = null;
        while (System.nanoTime() < until && !"OK".equals(health)) {
            Thread.sleep(200);
            health = given().auth().oauth2(admin).get("http://127.0.0.1:8081/api/v1/tenants/" + tenant
                    + "/log-sources/" + source).then().statusCode(200).extract().path("health");
        }
        assertEquals("OK", health, "the gateway reported the source's events");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "e2e"))
                .post("http://127.0.0.1:8081/api/v1/tenants/" + tenant + "/suspend").then().statusCode(200);
        Thread.sleep(6_000); // the gateway's directory cache (5 s)
        given().config(TEXT).header("X-Vigil-Api-Key", key).contentType("application/x-ndjson").body(events.get(0))
                .post("http://127.0.0.1:8080/api/v1/ingest/events").then().statusCode(403);
    }

    private static List<String> labelledEvents() throws IOException {
        return Files.readAllLines(VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl")).stream()
                .filter(l -> l.contains(RULE_ID)).toList();
    }

    private static int vigil(String... args) throws Exception {
        Path root = VigilInfra.root();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(root.resolve("vigil").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".vigil/logs/e2e.log").toFile()));
        // The tests' stand-ins for a client's EDR and directory listen on loopback, which Vigil refuses to call
        // unless the operator allows it: this stack's operator does.
        pb.environment().putIfAbsent("VIGIL_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.1/32");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
