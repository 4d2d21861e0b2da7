package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.detection.coverage.service.Coverage;
import io.vigil.detection.coverage.service.EventKinds;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.TestEvents;
import io.vigil.platform.testing.VigilInfra;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant's ATT&CK coverage is what the events it sends let its enabled rules see: a Windows client's Sysmon
 * process events reach the Windows process rule and leave the Linux one blind (and the other way round), the
 * coverage is announced on detection.events once per change, and each tenant sees only its own.
 */
@QuarkusTest
class CoverageTest {

    static final String WINDOWS_RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String LINUX_RULE = "rules/linux/process_creation/proc_creation_lnx_chattr_immutable_removal.yml";

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    EventStoreHandler handler;
    @Inject
    EventKinds kinds;
    @Inject
    Coverage coverage;
    @Inject
    RedisDataSource redis;

    final ObjectMapper mapper = new ObjectMapper();

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
    }

    @Test
    void coverageIsWhatTheTenantsEventsLetItsRulesSeeAnnouncedOncePerChange() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        for (String rule : List.of(WINDOWS_RULE, LINUX_RULE)) {
            given().auth().oauth2(engineer).contentType("application/yaml")
                    .body(Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(rule))).post("/api/v1/rules")
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        }
        UUID windows = UUID.randomUUID();
        UUID linux = UUID.randomUUID();
        String stream = "test.events." + UUID.randomUUID();
        publisher.publish(stream, TestEvents.event(windows, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"Image\":\"C:\\\\Windows\\\\System32\\\\notepad.exe\",\"CommandLine\":\"notepad.exe report.txt\"}"));
        publisher.publish(stream, TestEvents.event(linux, "{\"Image\":\"/usr/bin/ls\",\"CommandLine\":\"ls -la /tmp\",\"User\":\"root\"}"));
        assertEquals(2, consumers.create(stream, "coverage-it", "one", handler).pollOnce());
        assertTrue(AsSystem.call(kinds::flush) >= 2, "both tenants' kinds written");

        String windowsAdmin = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(windows)));
        JsonPath w = given().auth().oauth2(windowsAdmin).get("/api/v1/tenants/" + windows + "/rule-coverage")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("eventId", "1", "channel", "microsoft-windows-sysmon/operational")),
                w.getList("eventKinds").stream().map(k -> Map.of("eventId", ((Map<?, ?>) k).get("eventId"),
                        "channel", ((Map<?, ?>) k).get("channel"))).toList());
        assertTrue(w.getInt("techniques.find { it.id == 'T1187' }.reachableRules") >= 1, "Sysmon process events reach the Windows rule");
        assertEquals(0, w.getInt("techniques.find { it.id == 'T1222.002' }.reachableRules"), "no Linux events, no Linux rule");
        assertTrue(w.getInt("techniques.find { it.id == 'T1222.002' }.blindRules") >= 1);
        assertTrue(w.getList("techniques.find { it.id == 'T1222.002' }.needs").contains("linux/process_creation"));
        assertTrue(w.getInt("reachableRules") < w.getInt("enabledRules"));
        assertTrue(w.getInt("needs.find { it.logsource == 'linux/process_creation' }.rules") >= 1, "what the blind rules wait for");

        String linuxAdmin = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(linux)));
        JsonPath l = given().auth().oauth2(linuxAdmin).get("/api/v1/tenants/" + linux + "/rule-coverage")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(l.getInt("techniques.find { it.id == 'T1222.002' }.reachableRules") >= 1, "process events with Image and CommandLine");
        assertEquals(0, l.getInt("techniques.find { it.id == 'T1187' }.reachableRules"), "no Windows events, no Windows rule");
        assertTrue(l.getList("techniques.find { it.id == 'T1187' }.needs").contains("windows/process_creation"));
        // A tenant's coverage is its own.
        given().auth().oauth2(windowsAdmin).get("/api/v1/tenants/" + linux + "/rule-coverage").then().statusCode(404);

        long since = System.currentTimeMillis();
        AsSystem.call(coverage::announceChanged);
        List<JsonNode> told = awaitAnnounced(windows, since, 1);
        assertEquals(1, told.size());
        JsonNode first = told.get(0);
        assertEquals(windows.toString(), first.path("tenantId").asText());
        assertEquals(w.getInt("reachableRules"), first.path("reachableRules").asInt());
        assertEquals(1, awaitAnnounced(linux, since, 1).size());
        AsSystem.call(coverage::announceChanged);
        Thread.sleep(500);
        assertEquals(1, announced(windows, since).size(), "nothing changed: nothing announced again");

        // The client switches the technique off: its coverage changes, and is announced once more.
        given().auth().oauth2(engineer).contentType("application/json")
                .body(Map.of("minLevel", "informational", "statuses", List.of(), "disabledTags", List.of("attack.t1187"),
                        "disabledRules", List.of()))
                .put("/api/v1/tenants/" + windows + "/rule-settings").then().statusCode(200);
        Thread.sleep(5_100); // the settings cache's lifetime
        AsSystem.call(coverage::announceChanged);
        List<JsonNode> again = awaitAnnounced(windows, since, 2);
        assertEquals(2, again.size());
        assertNull(technique(again.get(1), "T1187"), "no enabled rule names T1187 any more");
        assertEquals(first.path("enabledRules").asInt() - 1, again.get(1).path("enabledRules").asInt(), again.get(1).toString());
    }

    private static JsonNode technique(JsonNode coverage, String id) {
        for (JsonNode t : coverage.path("techniques")) {
            if (t.path("id").asText().equals(id)) {
                return t;
            }
        }
        return null;
    }

    private List<JsonNode> awaitAnnounced(UUID tenant, long since, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonNode> found = announced(tenant, since);
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            found = announced(tenant, since);
        }
        return found;
    }

    private List<JsonNode> announced(UUID tenant, long since) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange("detection.events", StreamRange.of(since + "-0", "+"))) {
            if (tenant.toString().equals(m.payload().get("tenantId"))) {
                assertEquals("detection.coverage.changed", m.payload().get("type"));
                found.add(mapper.readTree(m.payload().get("payload")));
            }
        }
        return found;
    }
}
