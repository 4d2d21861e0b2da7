package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.baseline.service.VolumeAnomalies;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.testing.TestEvents;
import io.vigil.platform.streams.StreamConsumer;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Baselines on the OTRF recordings of WORKSTATION5 (eighteen days of attack simulations): what a tenant
 * learns in its learning period stays quiet, what is first seen after it raises one alert, and hours far
 * above the learned volume raise alerts; another tenant's baseline is its own.
 */
@QuarkusTest
class BaselineTest {

    static final Instant LEARNING_END = Instant.parse("2020-10-21T02:17:00.011Z");

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    EventStoreHandler handler;
    @Inject
    RedisDataSource redis;
    @Inject
    VolumeAnomalies volumes;

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void firstSeenFactsAfterLearningAndUnusualHoursRaiseAlertsPerTenant() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID lateTenant = UUID.randomUUID();
        String manager = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("enabled", true, "learningDays", 3, "kinds", List.of("parent-child", "admin-tool", "logon-source"),
                        "volumeSigmas", 3.0, "volumeMinCount", 100))
                .put("/api/v1/tenants/" + tenant + "/baselines").then().statusCode(200)
                .body("settings.learningDays", equalTo(3)).body("learningSince", equalTo(null));
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("enabled", true, "learningDays", 3, "kinds", List.of("new-drivers"), "volumeSigmas", 3.0,
                        "volumeMinCount", 100))
                .put("/api/v1/tenants/" + tenant + "/baselines").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kinds"));
        given().auth().oauth2(manager).get("/api/v1/tenants/" + lateTenant + "/baselines").then().statusCode(404);

        List<String> events = recordings();
        long since = System.currentTimeMillis();
        String stream = "test.events." + UUID.randomUUID();
        publish(stream, tenant, events);
        // The late tenant's telemetry starts after the first tenant's learning: its own learning starts then.
        publish(stream, lateTenant, events.stream().filter(l -> time(l).isAfter(LEARNING_END)).toList());
        StreamConsumer consumer = consumers.create(stream, "baseline-it", "one", handler);
        while (consumer.pollOnce() > 0) {
            // drain
        }

        List<JsonNode> firstSeen = alerts(tenant, since, "baseline:first-seen:", 23);
        Set<String> facts = firstSeen.stream().map(a -> a.path("baseline").path("kind").asText() + " "
                + a.path("baseline").path("value").asText()).collect(Collectors.toSet());
        assertEquals(23, firstSeen.size(), "each new fact once: " + facts);
        assertEquals(23, facts.size());
        assertTrue(facts.contains("parent-child cmd.exe > netsh.exe"), facts.toString());
        assertTrue(facts.contains("admin-tool bitsadmin.exe"), facts.toString());
        assertTrue(facts.contains("parent-child powershell.exe > mavinject.exe"), facts.toString());
        assertFalse(facts.contains("parent-child cmd.exe > reg.exe"), "learned on 19 October, seen again on the 21st");
        assertFalse(facts.contains("admin-tool psexec.exe"), "PsExec ran during the learning period");
        assertTrue(facts.stream().noneMatch(f -> f.startsWith("process ")), "the process kind is not switched on");
        JsonNode netsh = firstSeen.stream().filter(a -> a.path("baseline").path("value").asText().equals("cmd.exe > netsh.exe"))
                .findFirst().orElseThrow();
        assertEquals("workstation5", netsh.path("baseline").path("entity").asText());
        assertEquals("LOW", netsh.path("severity").asText());
        assertEquals("WORKSTATION5", netsh.path("entities").path("host").asText());
        assertEquals(0, alerts(lateTenant, since, "baseline:", 0).size(), "the late tenant is still learning");

        given().auth().oauth2(manager).get("/api/v1/tenants/" + tenant + "/baselines").then().statusCode(200)
                .body("learningSince", equalTo("2020-10-18T02:17:00.011Z"))
                .body("learningUntil", equalTo("2020-10-21T02:17:00.011Z"))
                .body("learning", equalTo(false));
        given().auth().oauth2(manager).get("/api/v1/tenants/" + tenant + "/baselines/facts?kind=admin-tool").then()
                .statusCode(200).body("items.value", hasItem("psexec.exe"))
                .body("items.find { it.value == 'psexec.exe' }.firstSeen", org.hamcrest.Matchers.startsWith("2020-10-19T03:30"));

        // Volume: WORKSTATION5's hours judged against the three days before each.
        int raised = AsSystem.call(() -> volumes.evaluate(Instant.now()));
        List<JsonNode> unusual = alerts(tenant, since, "baseline:volume:", 7);
        Set<String> hours = unusual.stream().map(a -> a.path("baseline").path("hour").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("2020-10-21T08:00:00Z", "2020-10-21T09:00:00Z", "2020-10-21T12:00:00Z",
                "2020-10-22T01:00:00Z", "2020-10-22T02:00:00Z", "2020-10-22T12:00:00Z", "2020-11-02T04:00:00Z"), hours,
                "the 68-event hour of 21 October and the 424-event hour of the 23rd are within the learned spread");
        JsonNode burst = unusual.stream().filter(a -> a.path("baseline").path("hour").asText().equals("2020-10-21T12:00:00Z"))
                .findFirst().orElseThrow();
        assertEquals(2366, burst.path("baseline").path("count").asInt());
        assertEquals("workstation5", burst.path("baseline").path("entity").asText());
        assertEquals(0, alerts(lateTenant, since, "baseline:volume:", 0).size(), "no hour of the late tenant has a learned past");
        assertTrue(raised >= hours.size());
        assertEquals(0, AsSystem.call(() -> volumes.evaluate(Instant.now())), "each hour is judged once");
        redis.key().del(stream); // twenty thousand events: do not keep them in Redis
    }

    private void publish(String stream, UUID tenant, List<String> lines) {
        for (int i = 0; i < lines.size(); i += 100) {
            List<String> entry = new ArrayList<>();
            for (String l : lines.subList(i, Math.min(lines.size(), i + 100))) {
                entry.add(l.substring(0, l.length() - 1) + ",\"event.id\":\"" + UUID.randomUUID() + "\"}");
            }
            publisher.publish(stream, TestEvents.batch(tenant, String.join("\n", entry)));
        }
    }

    /** Every recording, in event time order, each event with its time as @timestamp (as the gateway sets it). */
    private List<String> recordings() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(VigilInfra.sharedData().resolve("datasets/otrf-security-datasets"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String l : Files.readAllLines(f)) {
                    if (l.isBlank()) {
                        continue;
                    }
                    ObjectNode n = (ObjectNode) mapper.readTree(l);
                    String ts = n.path("@timestamp").asText();
                    if (!ts.contains("T")) {
                        String created = n.path("TimeCreated").asText();
                        ts = created.replace(' ', 'T').substring(0, Math.min(23, created.length())) + "Z";
                    }
                    n.put("@timestamp", ts);
                    out.add(n.toString());
                }
            }
        }
        out.sort(Comparator.comparing(BaselineTest::time));
        return out;
    }

    private static Instant time(String line) {
        int at = line.indexOf("\"@timestamp\":\"") + 14;
        return Instant.parse(line.substring(at, line.indexOf('"', at)));
    }

    /** The tenant's alerts of the kind once at least {@code expected} arrived (the outbox relays them). */
    private List<JsonNode> alerts(UUID tenant, long since, String rulePrefix, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + (expected == 0 ? 1_000 : 10_000);
        while (System.currentTimeMillis() < deadline && alertsNow(tenant, since, rulePrefix).size() < expected) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // and nothing more arrives
        return alertsNow(tenant, since, rulePrefix);
    }

    private List<JsonNode> alertsNow(UUID tenant, long since, String rulePrefix) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange("alerts", StreamRange.of(since + "-0", "+"))) {
            if (tenant.toString().equals(m.payload().get("tenantId"))) {
                JsonNode a = mapper.readTree(m.payload().get("payload"));
                if (a.path("ruleId").asText().startsWith(rulePrefix)) {
                    found.add(a);
                }
            }
        }
        return found;
    }
}
