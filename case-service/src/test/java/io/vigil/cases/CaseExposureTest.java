package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the scanners found open on a case's hosts (tenant.asset.exposure-changed from tenant-service's imports)
 * is in the case's priority, becomes patch tasks by hand or by playbook, and a later scan that no longer finds
 * a CVE closes its patch task and rescores the case. Another tenant's scan of a host of the same name changes
 * nothing here.
 */
@QuarkusTest
class CaseExposureTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    ObjectMapper mapper;

    @Test
    void aKnownExploitedCveOnTheHostIsInThePriorityBecomesAPatchTaskAndTheRescanClosesIt() throws Exception {
        UUID t = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID asset = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);

        exposure(t, asset, "adam", "nessus", List.of(cve("CVE-2017-11882", 7.8, true, "2021-11-03"),
                cve("CVE-2025-0001", 9.8, false, null), cve("CVE-2018-8420", 8.1, false, null)), List.of());
        exposure(other, UUID.randomUUID(), "adam", "nessus", List.of(cve("CVE-2021-44228", 10.0, true, "2021-12-10")), List.of());
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.asset_exposure where tenant_id = '" + t + "'", 1);
        CaseSlaTest.awaitFacts(other, "select count(*) from cases.asset_exposure where tenant_id = '" + other + "'", 1);

        // The alert names the host by its FQDN; the asset's hostname is its first label.
        publisher.publish("alerts", CaseTriageTest.alert(t, "office-exploit", "adam.ad.demo.io", "HIGH", "high", "high"));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("priorityFactors.find { it.factor == 'exposure' }.points", equalTo(15))
                .body("priorityFactors.find { it.factor == 'exposure' }.value", containsString("CVE-2017-11882 open on adam"))
                .body("priorityFactors.find { it.factor == 'exposure' }.value", containsString("Known Exploited"))
                .body("priorityFactors.find { it.factor == 'exposure' }.value", containsString("added 2021-11-03"));
        int before = given().auth().oauth2(analyst).get("/api/v1/cases/" + id).path("priority");

        // The other tenant's case on its own "adam" weighs its own scan, not this tenant's.
        String outsider = CaseSlaTest.token("soc-tier2", other);
        publisher.publish("alerts", CaseTriageTest.alert(other, "office-exploit", "adam", "HIGH", "high", "high"));
        String theirs = (String) CaseSlaTest.awaitCase(outsider, other).get("id");
        given().auth().oauth2(outsider).get("/api/v1/cases/" + theirs).then()
                .body("priorityFactors.find { it.factor == 'exposure' }.value", startsWith("CVE-2021-44228"));
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(404);

        // Patch tasks: one per known-exploited or critical CVE, never twice; a named CVE on request.
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(201)
                .body("size()", equalTo(2), "kind", equalTo(List.of("PATCH", "PATCH")))
                .body("cve", equalTo(List.of("CVE-2017-11882", "CVE-2025-0001")), "host", hasItem("adam"))
                .body("find { it.cve == 'CVE-2017-11882' }.description", containsString("Known Exploited"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(201).body("size()", equalTo(0));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("cve", "cve-2018-8420"))
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(201).body("[0].title",
                        equalTo("Patch CVE-2018-8420 on adam"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("cve", "CVE-2014-0160"))
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("not open on"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("cve", "heartbleed"))
                .post("/api/v1/cases/" + id + "/tasks/patches").then().statusCode(422)
                .body("errors[0].message", containsString("CVE id"));

        // The rescan no longer finds CVE-2017-11882: its task closes by itself, the case is rescored.
        exposure(t, asset, "adam", "nessus", List.of(cve("CVE-2025-0001", 9.8, false, null), cve("CVE-2018-8420", 8.1, false, null)),
                List.of("CVE-2017-11882"));
        awaitTask(analyst, id, "CVE-2017-11882", "DONE");
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/tasks").then().statusCode(200)
                .body("items.find { it.cve == 'CVE-2017-11882' }.doneBy", equalTo("scanner:nessus"))
                .body("items.find { it.cve == 'CVE-2025-0001' }.status", equalTo("OPEN"));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id).then()
                .body("priorityFactors.find { it.factor == 'exposure' }.points", equalTo(10))
                .body("priorityFactors.find { it.factor == 'exposure' }.value", containsString("CVE-2025-0001 (CVSS 9.8)"))
                .body("priority", equalTo(before - 5));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?limit=200").then().statusCode(200)
                .body("items.summary.findAll { it.startsWith('case.patch-tasks-added') }.size()", equalTo(2))
                .body("items.summary.findAll { it.startsWith('case.task-updated') && it.contains('no longer finds CVE-2017-11882') }.size()",
                        equalTo(1));
    }

    @Test
    void thePatchPlaybookAddsTheTasksWithoutAConnectorOrAnApproval() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        exposure(t, UUID.randomUUID(), "web-7", "greenbone", List.of(cve("CVE-2012-1823", 7.5, true, "2022-03-25"),
                cve("CVE-2011-3389", 4.3, false, null)), List.of());
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.asset_exposure where tenant_id = '" + t + "'", 1);
        publisher.publish("alerts", CaseTriageTest.alert(t, "php-cgi-exploit", "web-7", "HIGH", "high", "medium"));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        awaitObservable(analyst, id, "web-7");

        String run = given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("playbook", "patch-exposed-hosts"))
                .post("/api/v1/cases/" + id + "/playbook-runs").then().statusCode(201)
                .body("steps[0].action", equalTo("patch_vulnerabilities"), "steps[0].approval", containsString("not needed"))
                .extract().path("id");
        awaitRun(analyst, id, run, "SUCCEEDED");
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/playbook-runs/" + run).then()
                .body("steps[0].status", equalTo("SUCCEEDED"), "steps[0].detail", containsString("CVE-2012-1823"));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/tasks").then().statusCode(200)
                .body("items.findAll { it.kind == 'PATCH' }.cve", equalTo(List.of("CVE-2012-1823")));
        String status = given().auth().oauth2(analyst).get("/api/v1/cases/" + id).path("status");
        assertTrue(!"CONTAINED".equals(status), "a patch task contains nothing: the case is " + status);
    }

    private Map<String, Object> cve(String id, double cvss, boolean kev, String added) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("cve", id);
        m.put("cvss", cvss);
        m.put("severity", cvss >= 9 ? "CRITICAL" : cvss >= 7 ? "HIGH" : "MEDIUM");
        m.put("knownExploited", kev);
        m.put("kevDateAdded", added);
        m.put("ransomware", false);
        m.put("title", "finding " + id);
        return m;
    }

    private void exposure(UUID t, UUID asset, String host, String scanner, List<Map<String, Object>> cves, List<String> fixed)
            throws Exception {
        ObjectNode m = (ObjectNode) EventContracts.examples("tenant.asset.exposure-changed").get(0).deepCopy();
        m.put("assetId", asset.toString()).put("hostname", host).put("fqdn", host + ".ad.demo.io").put("scanner", scanner)
                .put("scannedAt", Instant.now().toString()).put("openFindings", cves.size() + 10);
        m.set("exposure", mapper.valueToTree(cves));
        ArrayNode f = m.putArray("fixed");
        fixed.forEach(f::add);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.asset.exposure-changed", 1, Instant.now(),
                mapper.writeValueAsString(m)));
    }

    private static void awaitTask(String token, String caseId, String cve, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> items = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/tasks")
                    .jsonPath().getList("items");
            if (items.stream().anyMatch(i -> cve.equals(i.get("cve")) && status.equals(i.get("status")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the patch task of " + cve + " never became " + status);
    }

    static void awaitRun(String token, String caseId, String run, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/playbook-runs/" + run).path("status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " stayed " + seen + ", expected " + status);
    }

    private static void awaitObservable(String token, String caseId, String value) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<String> values = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/observables")
                    .jsonPath().getList("items.value");
            if (values != null && values.contains(value)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of(value), List.of(), "the case never got the observable " + value);
    }
}
