package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.testing.TestEvents;
import io.vigil.platform.streams.MessageProcessor;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.streams.StreamConsumer;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The thin slice inside detection: a real SigmaHQ rule imported through the API, the rule's labelled
 * events arriving on an events stream, an alert per matching event on the alerts stream, once.
 */
@QuarkusTest
class DetectionPipelineTest {

    static final String RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String RULE_ID = "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d";

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    MessageProcessor processor;
    @Inject
    EventStoreHandler handler;
    @Inject
    RedisDataSource redis;
    @Inject
    RuleCatalog catalog;
    @Inject
    CurrentTenant current;
    @Inject
    EntityManager em;

    final ObjectMapper mapper = new ObjectMapper();

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
    }

    @Test
    void labelledEventsOfAnImportedRuleRaiseOneAlertEachCarryingTheRuleAuthor() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)))
                .body("id", equalTo(RULE_ID));
        int version = given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(200).extract().path("version");
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(200).body("version", equalTo(version)); // unchanged text: same version

        UUID tenant = UUID.randomUUID();
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        List<Envelope> sent = new ArrayList<>();
        for (String line : labelledEvents()) {
            Envelope e = TestEvents.event(tenant, line);
            publisher.publish(stream, e);
            sent.add(e);
        }
        publisher.publish(stream, TestEvents.event(tenant, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}"));
        assertEquals(3, consumers.create(stream, "detection-it", "one", handler).pollOnce());
        // A redelivery of the same events raises nothing new.
        for (Envelope e : sent) {
            assertTrue(processor.process(stream, "detection-it", e, handler));
        }

        List<JsonNode> raised = awaitAlerts(tenant, since, 2);
        assertEquals(2, raised.size(), "one alert per labelled event, none for notepad, none twice");
        for (JsonNode a : raised) {
            assertEquals(RULE_ID, a.path("ruleId").asText());
            assertFalse(a.path("ruleAuthor").asText().isBlank(), "the rule author travels with the alert");
            assertEquals("HIGH", a.path("severity").asText());
            assertEquals("T1187", a.path("techniques").get(0).path("id").asText(), a.toString());
            assertEquals("Forced Authentication", a.path("techniques").get(0).path("name").asText());
            assertEquals("Credential Access", a.path("tactics").get(0).asText());
        }
    }

    @Test
    void batchedEntriesFromTheGatewayRaiseOneAlertPerMatchingEventAndNoneTwice() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        UUID tenant = UUID.randomUUID();
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        // As the gateway writes them: several events per entry, one per line, each with its own event.id.
        List<String> lines = new ArrayList<>();
        for (String l : labelledEvents()) {
            lines.add(l.substring(0, l.length() - 1) + ",\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\""
                    + UUID.randomUUID() + "\"}");
        }
        lines.add(1, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"C:\\\\x.exe\","
                + "\"event.id\":\"" + UUID.randomUUID() + "\"}");
        Envelope entry = TestEvents.batch(tenant, String.join("\n", lines));
        publisher.publish(stream, entry);
        assertEquals(1, consumers.create(stream, "detection-batch", "one", handler).pollOnce());
        // The same events in a new entry (a client retrying its batch) are already stored: no new alert.
        publisher.publish(stream, TestEvents.batch(tenant, String.join("\n", lines)));
        assertEquals(1, consumers.create(stream, "detection-batch", "one", handler).pollOnce());
        List<JsonNode> raised = awaitAlerts(tenant, since, 2);
        assertEquals(2, raised.size(), "one alert per labelled event of the entry, none twice");
    }

    @Test
    void aSuppressedRuleRaisesOneAlertPerGroupPerWindowAndCountsTheRest() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        UUID quiet = UUID.randomUUID();
        UUID loud = UUID.randomUUID();
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("groupBy", List.of("Computer"), "window", "PT1H"))
                .put("/api/v1/rules/" + RULE_ID + "/suppressions/" + quiet).then().statusCode(200)
                .body("window", equalTo("PT1H"));
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        for (UUID tenant : List.of(quiet, loud)) {
            List<String> lines = new ArrayList<>();
            for (String l : labelledEvents()) { // two events of the same host
                lines.add(l.substring(0, l.length() - 1) + ",\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\""
                        + UUID.randomUUID() + "\"}");
            }
            publisher.publish(stream, TestEvents.batch(tenant, String.join("\n", lines)));
        }
        assertEquals(2, consumers.create(stream, "detection-suppress", "one", handler).pollOnce());
        assertEquals(1, awaitAlerts(quiet, since, 1).size(), "one alert for the host within the window");
        assertEquals(2, awaitAlerts(loud, since, 2).size(), "no suppression: every match");
        given().auth().oauth2(engineer).get("/api/v1/rules/" + RULE_ID + "/suppressions/" + quiet).then()
                .statusCode(200).body("suppressed", equalTo(1));
        given().auth().oauth2(engineer).delete("/api/v1/rules/" + RULE_ID + "/suppressions/" + quiet).then()
                .statusCode(204);
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("groupBy", List.of("Computer"), "window", "P30D"))
                .put("/api/v1/rules/" + RULE_ID + "/suppressions/" + quiet).then().statusCode(422);
    }

    @Test
    void aTenantsSigmaFilterDropsOnlyTheMatchesItDescribesAndOnlyForThatTenant() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        UUID tuned = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String filter = """
                title: Snipping Tool opens the internal screenshot share
                id: mf-internal-screenshot-share
                logsource: {category: process_creation, product: windows}
                filter:
                  rules: [%s]
                  share:
                    CommandLine|contains: 'filePath=http://172.16.137.159:8000/'
                  condition: not share
                """.formatted(RULE_ID);
        given().auth().oauth2(engineer).contentType("application/yaml").body(filter)
                .post("/api/v1/tenants/" + tuned + "/filters").then().statusCode(201)
                .header("Location", containsString("/filters/mf-internal-screenshot-share"));
        given().auth().oauth2(engineer).contentType("application/yaml").body(filter)
                .post("/api/v1/tenants/" + tuned + "/filters").then().statusCode(200); // same id: replaced
        given().auth().oauth2(engineer).contentType("application/yaml")
                .body(filter.replace("condition: not share", "condition: not nothing"))
                .post("/api/v1/tenants/" + tuned + "/filters").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filter.condition"));
        String otherViewer = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(other)));
        given().auth().oauth2(otherViewer).get("/api/v1/tenants/" + tuned + "/filters").then().statusCode(404);

        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        for (UUID tenant : List.of(tuned, other)) {
            List<String> lines = new ArrayList<>();
            for (String l : labelledEvents()) { // one UNC path, one HTTP URL to the internal share
                lines.add(l.substring(0, l.length() - 1) + ",\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\""
                        + UUID.randomUUID() + "\"}");
            }
            publisher.publish(stream, TestEvents.batch(tenant, String.join("\n", lines)));
        }
        assertEquals(2, consumers.create(stream, "detection-filter", "one", handler).pollOnce());
        List<JsonNode> tunedAlerts = awaitAlerts(tuned, since, 1);
        assertEquals(1, tunedAlerts.size(), "the share's event is an accepted exception for this tenant");
        assertTrue(tunedAlerts.get(0).path("entities").path("commandLine").asText().contains("%%5C"), tunedAlerts.toString());
        assertEquals(2, awaitAlerts(other, since, 2).size(), "another tenant's filter changes nothing here");
        given().auth().oauth2(engineer).get("/api/v1/tenants/" + tuned + "/filters/mf-internal-screenshot-share")
                .then().statusCode(200).body("filtered", equalTo(1)).body("lastFiltered", equalTo("2026-11-24T10:00:00Z"));
        given().auth().oauth2(engineer).delete("/api/v1/tenants/" + tuned + "/filters/mf-internal-screenshot-share")
                .then().statusCode(204);
        given().auth().oauth2(engineer).get("/api/v1/tenants/" + tuned + "/filters").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void placeholdersAndFieldMappingsAreEachTenantsOwn() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        // SigmaHQ's "Interactive Logon to Server Systems": ComputerName|expand: %ServerSystems%, %DomainControllers%.
        String yaml = Files.readString(VigilInfra.sharedData().resolve(
                "sigma-rules/rules-placeholder/windows/builtin/security/win_security_susp_interactive_logons.yml"));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules?pack=Placeholder")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)))
                .body("pack", equalTo("placeholder"));
        UUID valued = UUID.randomUUID();
        UUID unvalued = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        String logSource = UUID.randomUUID().toString();
        String edr = UUID.randomUUID().toString();
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("placeholders", java.util.Map.of("ServerSystems", List.of("SRV-*"),
                        "DomainControllers", List.of("DC01")), "fieldMappings", java.util.Map.of()))
                .put("/api/v1/tenants/" + valued + "/detection-mapping").then().statusCode(200)
                .body("placeholders.ServerSystems", equalTo(List.of("SRV-*")));
        // This tenant's domain controller logs name the computer host.name on one log source only.
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("placeholders", java.util.Map.of("DomainControllers", List.of("dc-*")),
                        "fieldMappings", java.util.Map.of(logSource, java.util.Map.of("ComputerName", "host.name"),
                                edr, java.util.Map.of("EventID", "=4624", "Channel", "=Security", "LogonType", "logon.kind",
                                        "ComputerName", "device.name"))))
                .put("/api/v1/tenants/" + renamed + "/detection-mapping").then().statusCode(200);
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("placeholders", java.util.Map.of("%ServerSystems%", List.of("x")), "fieldMappings",
                        java.util.Map.of()))
                .put("/api/v1/tenants/" + unvalued + "/detection-mapping").then().statusCode(422)
                .body("errors[0].field", equalTo("placeholders.%ServerSystems%"));
        String viewerOfUnvalued = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(unvalued)));
        given().auth().oauth2(viewerOfUnvalued).get("/api/v1/tenants/" + valued + "/detection-mapping").then().statusCode(404);

        String serverLogon = "{\"EventID\":4624,\"Channel\":\"Security\",\"LogonType\":2,\"ComputerName\":\"SRV-FILE01\","
                + "\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\"%s\"}";
        String dcLogon = "{\"EventID\":4624,\"Channel\":\"Security\",\"LogonType\":2,\"host.name\":\"DC-PARIS-2\","
                + "\"vigil.log_source.id\":\"%s\",\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\"%s\"}";
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        // An EDR's own logon record, which the tenant's mapping declares to be a Windows 4624.
        String edrLogon = "{\"logon.kind\":2,\"device.name\":\"dc-lyon-1\",\"vigil.log_source.id\":\"%s\","
                + "\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\"%s\"}";
        for (UUID tenant : List.of(valued, unvalued, renamed)) {
            publisher.publish(stream, TestEvents.batch(tenant, serverLogon.formatted(UUID.randomUUID()) + "\n" + dcLogon.formatted(logSource, UUID.randomUUID())
                            + "\n" + dcLogon.formatted(UUID.randomUUID(), UUID.randomUUID())
                            + "\n" + edrLogon.formatted(edr, UUID.randomUUID())));
        }
        assertEquals(3, consumers.create(stream, "detection-mapping", "one", handler).pollOnce());
        List<JsonNode> valuedAlerts = awaitAlerts(valued, since, 1);
        assertEquals(1, valuedAlerts.size(), "its server systems are SRV-*: " + valuedAlerts);
        assertEquals("3ff152b2-1388-4984-9cd9-a323323fdadf", valuedAlerts.get(0).path("ruleId").asText());
        List<JsonNode> renamedAlerts = awaitAlerts(renamed, since, 2);
        assertEquals(2, renamedAlerts.size(), "the log source whose host.name is mapped, and the EDR: " + renamedAlerts);
        assertEquals(0, awaitOnce(unvalued, since).size(), "no placeholder values: the rule cannot match");
    }

    @Test
    void tenantsSwitchRulesOffByTagLevelOrId() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        given().auth().oauth2(engineer).contentType("application/yaml").body(yaml).post("/api/v1/rules")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        UUID byTag = UUID.randomUUID();
        UUID byLevel = UUID.randomUUID();
        UUID byPack = UUID.randomUUID();
        UUID all = UUID.randomUUID();
        given().auth().oauth2(engineer).get("/api/v1/rules?pack=emerging-threats&limit=1000").then().statusCode(200)
                .body("items.find { it.id == '" + RULE_ID + "' }.pack", equalTo("emerging-threats"));
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("minLevel", "informational", "statuses", List.of(), "disabledTags", List.of(),
                        "disabledRules", List.of(), "disabledPacks", List.of("Emerging-Threats")))
                .put("/api/v1/tenants/" + byPack + "/rule-settings").then().statusCode(200)
                .body("disabledPacks", equalTo(List.of("emerging-threats")));
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("minLevel", "informational", "statuses", List.of(),
                        "disabledTags", List.of("attack.T1187"), "disabledRules", List.of()))
                .put("/api/v1/tenants/" + byTag + "/rule-settings").then().statusCode(200);
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("minLevel", "critical", "statuses", List.of(), "disabledTags", List.of(),
                        "disabledRules", List.of()))
                .put("/api/v1/tenants/" + byLevel + "/rule-settings").then().statusCode(200)
                .body("minLevel", equalTo("critical"));
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("minLevel", "urgent", "statuses", List.of(), "disabledTags", List.of(),
                        "disabledRules", List.of()))
                .put("/api/v1/tenants/" + all + "/rule-settings").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.containsString("minLevel"));
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        for (UUID tenant : List.of(byTag, byLevel, byPack, all)) {
            List<String> lines = new ArrayList<>();
            for (String l : labelledEvents()) {
                lines.add(l.substring(0, l.length() - 1) + ",\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event.id\":\""
                        + UUID.randomUUID() + "\"}");
            }
            publisher.publish(stream, TestEvents.batch(tenant, String.join("\n", lines)));
        }
        assertEquals(4, consumers.create(stream, "detection-settings", "one", handler).pollOnce());
        assertEquals(2, awaitAlerts(all, since, 2).size(), "no settings: every match");
        assertEquals(0, awaitOnce(byTag, since).size(), "the rule's technique is switched off");
        assertEquals(0, awaitOnce(byLevel, since).size(), "a high rule under a critical minimum");
        assertEquals(0, awaitOnce(byPack, since).size(), "the tenant does not take the emerging-threats pack");
    }

    @Test
    void threatIntelMatchesRaiseAlertsForTheTenantsWhoseIntelItIs() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String bundle = Files.readString(VigilInfra.sharedData().resolve("threat-intel/stix2-examples/malware-indicator-for-file-hash.json"));
        given().auth().oauth2(engineer).contentType("application/json").body(bundle)
                .post("/api/v1/intel/indicators?format=stix&source=stix2-examples").then().statusCode(200)
                .body("imported", equalTo(1));
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String analystA = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(analystA).contentType("text/plain").body("203.0.113.66\n")
                .post("/api/v1/intel/indicators?format=list&tenantId=" + a).then().statusCode(200).body("imported", equalTo(1));
        given().auth().oauth2(analystA).contentType("text/plain").body("203.0.113.67\n")
                .post("/api/v1/intel/indicators?format=list").then().statusCode(403);
        given().auth().oauth2(analystA).contentType("text/plain").body("203.0.113.68\n")
                .post("/api/v1/intel/indicators?format=list&tenantId=" + b).then().statusCode(404);

        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        String hashEvent = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"C:\\\\x\\\\pi.exe\","
                + "\"Hashes\":\"SHA256=EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C\"}";
        String ipEvent = "{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"DestinationIp\":\"203.0.113.66\"}";
        publisher.publish(stream, TestEvents.event(a, hashEvent));
        publisher.publish(stream, TestEvents.event(a, ipEvent));
        publisher.publish(stream, TestEvents.event(b, ipEvent)); // b has no such intel
        assertEquals(3, consumers.create(stream, "detection-intel", "one", handler).pollOnce());

        List<JsonNode> forA = awaitAlerts(a, since, 2);
        assertEquals(2, forA.size(), forA.toString());
        assertTrue(forA.stream().anyMatch(x -> "Poison Ivy".equals(x.path("indicator").path("context").asText())));
        assertTrue(forA.stream().anyMatch(x -> "DestinationIp".equals(x.path("indicator").path("field").asText())));
        assertEquals(0, awaitOnce(b, since).size(), "tenant intel is not matched for other tenants");

        // Deleting: the tenant's own indicator by its analyst; the provider's only by staff serving everyone.
        given().auth().oauth2(analystA).delete("/api/v1/intel/indicators?value=203.0.113.66&tenantId=" + b).then().statusCode(404);
        given().auth().oauth2(analystA).delete("/api/v1/intel/indicators?value=EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C")
                .then().statusCode(403);
        given().auth().oauth2(analystA).delete("/api/v1/intel/indicators?value=203.0.113.66&tenantId=" + a).then().statusCode(200)
                .body("deleted", equalTo(1));
        long after = System.currentTimeMillis();
        publisher.publish(stream, TestEvents.event(a, ipEvent.replace("\"EventID\":3", "\"EventID\":3,\"n\":2")));
        assertEquals(1, consumers.create(stream, "detection-intel", "two", handler).pollOnce());
        assertEquals(0, awaitOnce(a, after).size(), "a deleted indicator matches no more");
    }

    static final String MINIDUMP = """
            title: comsvcs MiniDump via rundll32
            id: 2e0c6a2e-0000-4000-8000-000000000001
            name: svc_comsvcs_minidump
            author: Vigil tests
            logsource: {product: windows, category: process_creation}
            detection:
              sel:
                Image|endswith: '\\\\rundll32.exe'
                CommandLine|contains|all: [comsvcs, MiniDump]
              condition: sel
            """;
    static final String LSASS_ACCESS = """
            title: rundll32 opens lsass
            id: 2e0c6a2e-0000-4000-8000-000000000002
            name: svc_rundll32_lsass_access
            author: Vigil tests
            logsource: {product: windows, category: process_access}
            detection:
              sel:
                SourceImage|endswith: '\\\\rundll32.exe'
                TargetImage|endswith: '\\\\lsass.exe'
              condition: sel
            """;
    static final String SEQUENCE = """
            title: LSASS dumped with comsvcs
            id: 2e0c6a2e-0000-4000-8000-000000000003
            author: Vigil tests
            level: critical
            correlation:
              type: temporal_ordered
              rules: [svc_comsvcs_minidump, svc_rundll32_lsass_access]
              group-by: [Hostname]
              timespan: 1m
            """;

    @Test
    void aCorrelationOverTwoRulesRaisesOneAlertOnTheOtrfLsassDumpRecording() throws Exception {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        for (String rule : List.of(MINIDUMP, LSASS_ACCESS, SEQUENCE)) {
            given().auth().oauth2(engineer).contentType("application/yaml").body(rule).post("/api/v1/rules")
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        }
        UUID tenant = UUID.randomUUID();
        String stream = "test.events." + UUID.randomUUID();
        long since = System.currentTimeMillis();
        Path dataset;
        try (java.util.stream.Stream<Path> s = Files.list(VigilInfra.sharedData().resolve("datasets/otrf-security-datasets/psh_lsass_memory_dump_comsvcs"))) {
            dataset = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(dataset).stream().filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(l);
                        // The gateway's normalisation: event time as @timestamp (UTC).
                        n.put("@timestamp", n.path("@timestamp").asText().isEmpty()
                                ? n.path("TimeCreated").asText().replace(' ', 'T') + "Z" : n.path("@timestamp").asText());
                        return n.toString();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).sorted(java.util.Comparator.comparing(l -> l.substring(l.indexOf("\"@timestamp\""))))
                .toList();
        // The recording in two halves, split right after the minidump command (the sequence's first step),
        // with the compiled catalog (and its correlation engine) rebuilt in between, as a restarted or
        // second instance would: the open window must come from PostgreSQL.
        int split = 0;
        while (!lines.get(split).contains("MiniDump")) {
            split++;
        }
        var consumer = consumers.create(stream, "detection-corr", "one", handler);
        for (String l : lines.subList(0, split + 1)) {
            publisher.publish(stream, TestEvents.event(tenant, l));
        }
        int total = drain(consumer);
        assertEquals(1L, openWindows(tenant), "the first step of the sequence is kept in the tenant's window");
        assertEquals(0L, openWindows(UUID.randomUUID()), "another tenant sees no window");
        catalog.reload();
        for (String l : lines.subList(split + 1, lines.size())) {
            publisher.publish(stream, TestEvents.event(tenant, l));
        }
        total += drain(consumer);
        assertEquals(lines.size(), total);
        assertEquals(0L, openWindows(tenant), "the window is closed once the correlation fired");
        List<JsonNode> alerts = awaitAlerts(tenant, since, 1);
        assertEquals(1, alerts.size(), "one correlation alert and no alert of its two input rules: " + alerts);
        assertEquals("2e0c6a2e-0000-4000-8000-000000000003", alerts.get(0).path("ruleId").asText());
        assertEquals("CRITICAL", alerts.get(0).path("severity").asText());
        assertEquals("temporal_ordered", alerts.get(0).path("correlation").asText());
        assertEquals("WORKSTATION5", alerts.get(0).path("group").path("Hostname").asText().toUpperCase());
    }

    private static int drain(StreamConsumer consumer) {
        int total = 0;
        int n;
        while ((n = consumer.pollOnce()) > 0) {
            total += n;
        }
        return total;
    }

    /** Correlation windows stored for the tenant, read as that tenant (row-level security applies). */
    private long openWindows(UUID tenant) {
        var request = Arc.container().requestContext();
        request.activate();
        try {
            current.set(new TenantContext("test", Set.of(tenant), Set.of(),
                    TenantContext.Source.MESSAGE));
            return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("select count(*) from correlation_state").getSingleResult()).longValue());
        } finally {
            request.terminate();
        }
    }

    @Test
    void aRuleThatDoesNotCompileIsRefusedWithWhereTheErrorIs() {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        given().auth().oauth2(engineer).contentType("application/yaml")
                .body("title: broken\nid: 0b0b0b0b-0000-0000-0000-000000000000\nlogsource: {product: windows}\n"
                        + "detection:\n  sel:\n    Image|endwith: x\n  condition: sel\n")
                .post("/api/v1/rules").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("unknown modifier 'endwith'"))
                .body("errors[0].field", equalTo("detection.sel.Image|endwith"));
        String viewer = Keycloak.userToken(List.of("customer-viewer"), List.of(Keycloak.tenantGroup(UUID.randomUUID())));
        given().auth().oauth2(viewer).contentType("application/yaml").body("title: x")
                .post("/api/v1/rules").then().statusCode(403);
    }

    private List<String> labelledEvents() throws Exception {
        Path all = VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(all)) {
            if (mapper.readTree(line).path("_event_uid").asText().contains(RULE_ID)) {
                out.add(line);
            }
        }
        assertEquals(2, out.size());
        return out;
    }

    private List<JsonNode> awaitAlerts(UUID tenant, long since, int expected) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            found.clear();
            List<StreamMessage<String, String, String>> entries = redis.stream(String.class, String.class, String.class)
                    .xrange("alerts", StreamRange.of(since + "-0", "+"));
            for (StreamMessage<String, String, String> m : entries) {
                if (tenant.toString().equals(m.payload().get("tenantId"))) {
                    found.add(mapper.readTree(m.payload().get("payload")));
                }
            }
            if (found.size() >= expected) {
                Thread.sleep(300); // and nothing more arrives
                return awaitOnce(tenant, since);
            }
            Thread.sleep(100);
        }
        return found;
    }

    private List<JsonNode> awaitOnce(UUID tenant, long since) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange("alerts", StreamRange.of(since + "-0", "+"))) {
            if (tenant.toString().equals(m.payload().get("tenantId"))) {
                found.add(mapper.readTree(m.payload().get("payload")));
            }
        }
        return found;
    }
}
