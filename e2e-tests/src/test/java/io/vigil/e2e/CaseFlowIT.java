package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.Stack.GATEWAY;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triage and investigation through the gateway, on the running stack: telemetry becomes an alert that opens a
 * case, a second alert on the same host joins it, tier 1 acknowledges and escalates, tier 2 investigates and
 * closes it as a true positive; the verdict reaches detection, and the timeline tells the whole story in order.
 */
class CaseFlowIT {

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    @Test
    void anAlertBecomesACaseThatIsWorkedAcrossTiersAndClosedWithItsVerdictFedBackToDetection() throws Exception {
        Stack.Client client = Stack.onboard("Case Flow Client");
        String admin = Stack.providerAdmin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenantId", client.id(), "hostname", "swachchhanda", "criticality", "HIGH"))
                .post(Stack.TENANTS + "/api/v1/assets").then().statusCode(201);
        Stack.loadRule();
        List<String> events = Stack.labelledEvents();
        assertEquals(2, events.size(), "the rule's two labelled events, both from one host");
        String group = "/tenants/" + client.id();
        String tier1 = Keycloak.userToken(List.of("soc-tier1"), List.of(group));
        String tier2 = Keycloak.userToken(List.of("soc-tier2"), List.of(group));

        // The first alert opens a case; the second, on the same host, joins it.
        Stack.send(client.key(), List.of(events.get(0)), 1);
        JsonPath opened = awaitQueue(tier1, client.id(), q -> q.getList("items").size() == 1
                && q.getInt("items[0].alertCount") == 1);
        String caseId = opened.getString("items[0].id");
        assertEquals("NEW", opened.getString("items[0].status"));
        assertEquals(1, opened.getInt("items[0].tier"), "a new case goes to the tier-1 pool");
        Stack.send(client.key(), List.of(events.get(1)), 1);
        JsonPath joined = awaitQueue(tier1, client.id(), q -> q.getList("items").size() == 1
                && q.getInt("items[0].alertCount") == 2);
        assertEquals(caseId, joined.getString("items[0].id"), "the second alert joined the open case");

        // Tier 1 acknowledges, then escalates to tier 2 with a note (a tier change without one is refused).
        String etag = given().auth().oauth2(tier1).get(GATEWAY + "/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().header("ETag");
        etag = patch(tier1, caseId, etag, Map.of("status", "ACKNOWLEDGED")).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).extract().header("ETag");
        patch(tier1, caseId, etag, Map.of("tier", 2)).then().statusCode(422);
        patch(tier1, caseId, "\"0\"", Map.of("tier", 2, "note", "stale")).then().statusCode(412);
        patch(tier1, caseId, etag, Map.of("tier", 2, "note", "exploit on a high-value host: needs tier 2"))
                .then().statusCode(200).body("tier", equalTo(2));

        // Tier 2 takes it: an observable by hand, evidence checked by its SHA-256, then the closure.
        patch(tier2, caseId, null, Map.of("assignee", "me", "status", "IN_PROGRESS")).then().statusCode(200);
        given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("type", "ip", "value", "203.0.113.77", "ioc", true, "note", "C2 seen in the proxy log"))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/observables").then().statusCode(200);
        byte[] file = String.join("\n", events).getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        given().auth().oauth2(tier2).contentType("application/octet-stream").header("X-Content-SHA256", "0".repeat(64))
                .queryParam("name", "sysmon.jsonl").body(file).post(GATEWAY + "/api/v1/cases/" + caseId + "/evidence")
                .then().statusCode(422);
        String evidence = given().auth().oauth2(tier2).contentType("application/octet-stream")
                .header("X-Content-SHA256", sha).queryParam("name", "sysmon.jsonl").body(file)
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/evidence").then().statusCode(201)
                .body("sha256", equalTo(sha)).extract().path("id");
        given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId + "/evidence/" + evidence + "/content")
                .then().statusCode(200).header("X-Content-SHA256", sha).header("X-Evidence-Intact", "true");
        given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("classification", "TRUE_POSITIVE", "classificationReason", "exploitation confirmed",
                        "rootCause", "unpatched CVE-2026-33829", "comment", "host reimaged"))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"), "classification", equalTo("TRUE_POSITIVE"));

        // The alerts are closed with the verdict, and detection counts it for the rule and the tenant.
        given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId + "/alerts").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.status", everyItem(equalTo("CLOSED")))
                .body("items.verdict", everyItem(equalTo("TRUE_POSITIVE")));
        List<Integer> truePositives = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !truePositives.equals(List.of(2))) {
            Thread.sleep(100);
            truePositives = given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/tenants/" + client.id()
                    + "/rule-verdicts").then().statusCode(200).extract().path("items.truePositives");
        }
        assertEquals(List.of(2), truePositives, "detection counted both alerts' verdicts for the rule");

        // The timeline: the events behind the alerts (from detection's event store), the alerts, every step.
        Response timeline = given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId + "/timeline");
        timeline.then().statusCode(200).header("X-Vigil-Partial", org.hamcrest.Matchers.nullValue());
        List<Map<String, String>> lines = timeline.jsonPath().getList("items");
        List<String> story = lines.stream().map(l -> l.get("kind").equals("action")
                ? l.get("summary").split(" ")[0] : l.get("kind")).filter(s -> !s.startsWith("case.sla")
                        && !s.startsWith("case.clock")).toList();
        assertEquals(List.of("event", "alert", "event", "alert"), story.subList(0, 4), "each event, then its alert");
        List<String> steps = story.stream().filter(s -> s.startsWith("case.")).toList();
        assertEquals(List.of("case.created", "case.alert-added", "case.updated", "case.escalated", "case.updated",
                "case.observable-added", "case.evidence-added", "case.evidence-downloaded", "case.closed"),
                steps, story.toString());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i - 1).get("at").compareTo(lines.get(i).get("at")) <= 0, "oldest first: " + lines);
        }
        assertTrue(lines.stream().anyMatch(l -> l.get("kind").equals("event") && l.get("actor").equals("swachchhanda")),
                lines.toString());

        // The client's CIO reads it from reporting, built from case-service's and tenant-service's messages alone:
        // the briefing names the host by the inventory's criticality, the month's figures count the case.
        String cio = Keycloak.userToken(List.of("customer-viewer"), List.of(group));
        String briefing = GATEWAY + "/api/v1/reports/tenants/" + client.id() + "/incidents/" + caseId;
        JsonPath brief = null;
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Response r = given().auth().oauth2(cio).get(briefing);
            if (r.statusCode() == 200 && r.jsonPath().getBoolean("closed")) {
                brief = r.jsonPath();
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(brief != null, "the closed case's briefing reached reporting");
        assertEquals("HIGH", brief.getString("affectedAssets[0].criticality"), brief.prettify());
        assertEquals("swachchhanda", brief.getString("affectedAssets[0].name").split("\\.")[0]);
        JsonPath figures = given().auth().oauth2(cio).get(GATEWAY + "/api/v1/reports/tenants/" + client.id() + "/metrics")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, figures.getInt("volumes.cases"));
        assertEquals(2, figures.getInt("volumes.alerts"));
        assertEquals(1, figures.getInt("responseTimes.find { it.measure == 'MTTA' && it.severity == 'ALL' }.measured"));

        // Another client's people learn nothing of it.
        Stack.Client other = Stack.onboard("Case Flow Other");
        String outsider = Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + other.id()));
        for (String path : List.of("", "/timeline", "/evidence", "/evidence/" + evidence + "/content", "/audit")) {
            given().auth().oauth2(outsider).get(GATEWAY + "/api/v1/cases/" + caseId + path).then().statusCode(404);
        }
        given().auth().oauth2(outsider).get(briefing).then().statusCode(404);
        given().auth().oauth2(outsider).get(GATEWAY + "/api/v1/reports/tenants/" + client.id() + "/metrics").then()
                .statusCode(404);
    }

    private static Response patch(String token, String caseId, String ifMatch, Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch(GATEWAY + "/api/v1/cases/" + caseId);
    }

    private static JsonPath awaitQueue(String token, String tenant, Predicate<JsonPath> done) throws InterruptedException {
        JsonPath queue = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            queue = given().auth().oauth2(token).queryParam("tenantId", tenant).get(GATEWAY + "/api/v1/cases")
                    .then().statusCode(200).extract().jsonPath();
            if (done.test(queue)) {
                return queue;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the queue never got there: " + (queue == null ? null : queue.prettify()));
    }
}
