package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alerts grouped into cases, the one queue across tenants, the moves of a case, its closure and its audit chain. */
@QuarkusTest
class CaseTriageTest {

    static final String DB = "jdbc:postgresql://127.0.0.1:55432/vigil_test";

    @Inject
    StreamPublisher publisher;
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void alertsOfOneRuleOnOneHostShareACaseAndEachTenantNumbersItsOwn() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String rule = UUID.randomUUID().toString();
        String analystA = token("soc-tier1", a);
        String analystB = token("soc-tier1", b);
        Envelope first = alert(a, rule, "fin-ws-042", "HIGH", "high", "low");
        Envelope second = alert(a, rule, "FIN-WS-042", "CRITICAL", "high", "critical"); // same host, other spelling
        Envelope otherHost = alert(a, rule, "hr-ws-007", "MEDIUM", "medium", null);
        Envelope otherTenant = alert(b, rule, "fin-ws-042", "HIGH", "high", null);
        for (Envelope e : List.of(first, second, otherHost, otherTenant)) {
            publisher.publish("alerts", e);
        }
        List<Map<String, Object>> casesA = awaitCases(analystA, a, 2);
        Map<String, Object> fin = casesA.stream().filter(c -> ((List<?>) c.get("hosts")).contains("fin-ws-042"))
                .findFirst().orElseThrow();
        assertEquals(2, fin.get("alertCount"));
        assertEquals("CRITICAL", fin.get("severity"), "a case is as severe as its worst alert");
        assertEquals("NEW", fin.get("status"));
        assertEquals(1, fin.get("tier"));
        assertEquals(List.of("T1059.001"), fin.get("techniques"));
        List<Object> numbers = casesA.stream().map(c -> c.get("number")).sorted().toList();
        assertEquals(List.of(1, 2), numbers, "each tenant numbers its cases from 1");
        List<Map<String, Object>> casesB = awaitCases(analystB, b, 1);
        assertEquals(1, casesB.get(0).get("number"));

        // The priority is explained factor by factor: a critical asset, a high rule.
        String id = (String) fin.get("id");
        Response one = given().auth().oauth2(analystA).get("/api/v1/cases/" + id);
        one.then().statusCode(200).header("ETag", notNullValue())
                .body("priorityFactors.find { it.factor == 'assetCriticality' }.value", equalTo("critical"))
                .body("priorityFactors.find { it.factor == 'assetCriticality' }.points", equalTo(30))
                .body("priorityFactors.find { it.factor == 'ruleLevel' }.points", equalTo(30))
                .body("priority", equalTo(60)).body("priorityLabel", equalTo("P2"));
        given().auth().oauth2(analystA).get("/api/v1/cases/" + id + "/alerts").then().statusCode(200)
                .body("items.id", hasItem(first.id().toString())).body("items.id", hasItem(second.id().toString()));

        // Another tenant's case is 404, exactly like one that does not exist; the queue never shows it.
        given().auth().oauth2(analystB).get("/api/v1/cases/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(analystB).queryParam("tenantId", a.toString()).get("/api/v1/cases").then().statusCode(404);
        String viewerB = token("customer-viewer", b);
        given().auth().oauth2(viewerB).get("/api/v1/cases?limit=500").then().statusCode(200)
                .body("items.tenantId.unique()", equalTo(List.of(b.toString())));
    }

    @Test
    void theQueueFiltersSortsAndPagesWithATotalCount() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = token("soc-tier2", t);
        String rule = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            publisher.publish("alerts", alert(t, rule, "host-" + i, i < 2 ? "CRITICAL" : "LOW", i < 2 ? "critical" : "low",
                    i < 2 ? "critical" : null));
        }
        awaitCases(analyst, t, 5);
        Response page1 = given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).queryParam("limit", 2)
                .queryParam("sort", "priority").get("/api/v1/cases");
        page1.then().statusCode(200).header("X-Total-Count", "5").body("items.size()", equalTo(2))
                .body("items[0].severity", equalTo("CRITICAL")).body("nextCursor", notNullValue());
        List<Integer> priorities = new java.util.ArrayList<>(page1.jsonPath().getList("items.priority", Integer.class));
        String cursor = page1.jsonPath().getString("nextCursor");
        while (cursor != null) {
            Response next = given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).queryParam("limit", 2)
                    .queryParam("sort", "priority").queryParam("cursor", cursor).get("/api/v1/cases");
            next.then().statusCode(200);
            priorities.addAll(next.jsonPath().getList("items.priority", Integer.class));
            cursor = next.jsonPath().getString("nextCursor");
        }
        assertEquals(5, priorities.size(), "every case once across the pages");
        assertEquals(priorities.stream().sorted(java.util.Comparator.reverseOrder()).toList(), priorities,
                "highest priority first");
        given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).queryParam("severity", "LOW")
                .get("/api/v1/cases").then().statusCode(200).header("X-Total-Count", "3");
        given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).queryParam("host", "HOST-3")
                .get("/api/v1/cases").then().statusCode(200).header("X-Total-Count", "1")
                .body("items[0].hosts", equalTo(List.of("host-3")));
        given().auth().oauth2(analyst).queryParam("sort", "loudest").get("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("priority, severity"));
        given().auth().oauth2(analyst).queryParam("cursor", "garbage").get("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyFilterAndSortOfTheQueueNarrowsAndOrdersAsNamed() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = token("soc-tier2", t);
        String rule = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String[] severities = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "HIGH", "MEDIUM"};
        for (int i = 0; i < severities.length; i++) {
            String technique = i < 2 ? "T1003" : "T1059.001";
            publisher.publish("alerts", alert(t, i < 4 ? rule : other, "qhost-" + i, severities[i], "high", null,
                    p -> p.putArray("techniques").addObject().put("id", technique).put("name", "x")
                            .putArray("tactics").add("execution")));
        }
        List<Map<String, Object>> all = awaitCases(analyst, t, 6);
        String before = Instant.now().minus(Duration.ofHours(1)).toString();
        String after = Instant.now().plus(Duration.ofHours(1)).toString();
        int lowest = all.stream().mapToInt(c -> (Integer) c.get("priority")).min().orElseThrow();
        int highest = all.stream().mapToInt(c -> (Integer) c.get("priority")).max().orElseThrow();
        long atLeastHighest = all.stream().filter(c -> (Integer) c.get("priority") >= highest).count();
        Map<String, String> expectedCounts = new java.util.LinkedHashMap<>();
        expectedCounts.put("technique=T1003", "2");
        expectedCounts.put("ruleId=" + rule, "4");
        expectedCounts.put("ruleId=" + other, "2");
        expectedCounts.put("tier=1", "6");
        expectedCounts.put("tier=2", "0");
        expectedCounts.put("severity=HIGH&severity=CRITICAL", "3");
        expectedCounts.put("status=NEW", "6");
        expectedCounts.put("status=CLOSED", "0");
        expectedCounts.put("minPriority=" + lowest, "6");
        expectedCounts.put("minPriority=" + highest, String.valueOf(atLeastHighest));
        expectedCounts.put("createdFrom=" + before, "6");
        expectedCounts.put("createdFrom=" + after, "0");
        expectedCounts.put("createdTo=" + before, "0");
        expectedCounts.put("updatedFrom=" + before + "&updatedTo=" + after, "6");
        expectedCounts.put("assignee=me", "0");
        expectedCounts.put("host=QHOST-4&technique=T1059.001", "1");
        for (var e : expectedCounts.entrySet()) {
            Response r = given().auth().oauth2(analyst).get("/api/v1/cases?tenantId=" + t + "&limit=500&" + e.getKey());
            r.then().statusCode(200).header("X-Total-Count", e.getValue());
            assertEquals(Integer.parseInt(e.getValue()), r.jsonPath().getList("items").size(), e.getKey());
        }
        // Each order pages through every case once, its key never rising from one page to the next.
        Map<String, java.util.function.Function<Map<String, Object>, Comparable<Object>>> keys = new java.util.LinkedHashMap<>();
        keys.put("severity", c -> key(List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL")
                .indexOf((String) c.get("severity")) * 1000 + (Integer) c.get("priority")));
        keys.put("created", c -> key(Instant.parse(c.get("createdTimeUtc").toString())));
        keys.put("updated", c -> key(Instant.parse(c.get("lastModifiedTimeUtc").toString())));
        // The SLA order counts whole seconds (cases due within the same second are in id order).
        keys.put("sla", c -> key(c.get("slaDueAt") == null ? Instant.MAX
                : Instant.parse(c.get("slaDueAt").toString()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        for (var k : keys.entrySet()) {
            List<Map<String, Object>> seen = new java.util.ArrayList<>();
            String cursor = null;
            do {
                var request = given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).queryParam("limit", 4)
                        .queryParam("sort", k.getKey());
                Response page = (cursor == null ? request : request.queryParam("cursor", cursor)).get("/api/v1/cases");
                page.then().statusCode(200).header("X-Total-Count", "6");
                seen.addAll(page.jsonPath().getList("items"));
                cursor = page.jsonPath().getString("nextCursor");
            } while (cursor != null);
            assertEquals(6, seen.stream().map(c -> c.get("id")).distinct().count(), k.getKey() + ": every case once");
            for (int i = 1; i < seen.size(); i++) {
                Comparable<Object> was = k.getValue().apply(seen.get(i - 1));
                Comparable<Object> now = k.getValue().apply(seen.get(i));
                if (k.getKey().equals("sla")) {
                    assertTrue(was.compareTo(now) <= 0, "sla: the soonest deadline first");
                } else {
                    assertTrue(was.compareTo(now) >= 0, k.getKey() + ": descending");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> key(Comparable<?> c) {
        return (Comparable<Object>) c;
    }

    @Test
    void aCaseMovesOnlyAlongAllowedStatusesEscalatesWithANoteAndRefusesAStaleVersion() throws Exception {
        UUID t = UUID.randomUUID();
        String tier1 = token("soc-tier1", t);
        publisher.publish("alerts", alert(t, UUID.randomUUID().toString(), "dc01", "HIGH", "high", "high"));
        String id = (String) awaitCases(tier1, t, 1).get(0).get("id");
        String etag = given().auth().oauth2(tier1).get("/api/v1/cases/" + id).header("ETag");

        // The assignee must be able to work the tenant's cases: checked in the identity directory.
        String colleague = Keycloak.user(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(t))).username();
        String elsewhere = Keycloak.user(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(UUID.randomUUID()))).username();
        String cio = Keycloak.user(List.of("customer-viewer"), List.of(Keycloak.tenantGroup(t))).username();
        for (String refused : List.of(elsewhere, cio, "nobody-" + UUID.randomUUID())) {
            patch(tier1, id, etag, Map.of("assignee", refused)).then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("assignee"));
        }
        patch(tier1, id, etag, Map.of("status", "ACKNOWLEDGED", "assignee", colleague)).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedAt", notNullValue())
                .body("assignee", equalTo(colleague));
        patch(tier1, id, etag, Map.of("status", "IN_PROGRESS")).then().statusCode(412)
                .contentType("application/problem+json").body("detail", containsString("changed since version"));
        patch(tier1, id, null, Map.of("status", "NEW")).then().statusCode(409)
                .body("detail", containsString("cannot move to NEW"));
        patch(tier1, id, null, Map.of("status", "CLOSED")).then().statusCode(422)
                .body("detail", containsString("/close"));
        patch(tier1, id, null, Map.of("tier", 2)).then().statusCode(422).body("detail", containsString("needs a note"));
        patch(tier1, id, null, Map.of("severity", "LOW")).then().statusCode(422)
                .body("detail", containsString("severityReason"));
        patch(tier1, id, null, Map.of("tier", 2, "note", "Kerberoasting on a domain controller: tier 2")).then()
                .statusCode(200).body("tier", equalTo(2));
        patch(tier1, id, null, Map.of("status", "CONTAINED")).then().statusCode(200).body("containedAt", notNullValue());

        String viewer = token("customer-viewer", t);
        patch(viewer, id, null, Map.of("status", "IN_PROGRESS")).then().statusCode(403);

        given().auth().oauth2(tier1).get("/api/v1/cases/" + id + "/timeline?kind=action").then().statusCode(200)
                .body("items.summary", hasItem(containsString("case.escalated")))
                .body("items.actor", hasItem("system:alert-intake"));
    }

    @Test
    void closingClassifiesTheCaseClosesItsAlertsAndANewAlertAfterwardsOpensANewCase() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = token("soc-tier2", t);
        String rule = UUID.randomUUID().toString();
        Envelope first = alert(t, rule, "web01", "MEDIUM", "medium", null);
        publisher.publish("alerts", first);
        String id = (String) awaitCases(analyst, t, 1).get(0).get("id");
        long since = System.currentTimeMillis();
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "FALSE_POSITIVE",
                "classificationReason", "the nightly backup job", "rootCause", "rule too broad"))
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("classification", equalTo("FALSE_POSITIVE"))
                .body("closedAt", notNullValue()).body("resolvedAt", notNullValue());
        given().auth().oauth2(analyst).get("/api/v1/alerts/" + first.id()).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("verdict", equalTo("FALSE_POSITIVE"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "changed my mind")).post("/api/v1/cases/" + id + "/close").then().statusCode(409);

        // Detection hears the verdict; reporting hears the closure.
        assertTrue(awaitEntry("alert-verdicts", since, first.id().toString(), "alertId"), "alert.verdict announced");
        assertTrue(awaitEntry("case.events", since, id, "caseFile"), "case.closed announced");

        Envelope again = alert(t, rule, "web01", "MEDIUM", "medium", null);
        publisher.publish("alerts", again);
        List<Map<String, Object>> both = awaitCases(analyst, t, 2);
        Map<String, Object> fresh = both.stream().filter(c -> !c.get("id").equals(id)).findFirst().orElseThrow();
        assertEquals("NEW", fresh.get("status"), "an alert after closure is in the queue, in a new case");

        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/v1/cases/" + id + "/reopen").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("reason", "the backup job was not it"))
                .post("/api/v1/cases/" + id + "/reopen").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("classification", nullValue());
    }

    @Test
    void theAuditChainVerifiesAndNamesTheFirstRowChangedBehindTheServicesBack() throws Exception {
        UUID t = UUID.randomUUID();
        String manager = token("soc-manager", t);
        publisher.publish("alerts", alert(t, UUID.randomUUID().toString(), "sql01", "HIGH", "high", null));
        String id = (String) awaitCases(manager, t, 1).get(0).get("id");
        patch(manager, id, null, Map.of("status", "IN_PROGRESS")).then().statusCode(200);
        String provider = Keycloak.user(List.of("soc-tier2"), List.of("/tenants")).username();
        patch(manager, id, null, Map.of("assignee", provider)).then().statusCode(200);
        given().auth().oauth2(manager).queryParam("tenantId", t.toString()).get("/api/v1/cases/audit/verify").then()
                .statusCode(200).body("intact", equalTo(true)).body("rows", equalTo(5));
        given().auth().oauth2(manager).get("/api/v1/cases/" + id + "/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("case.created", "case.updated", "case.sla.met", "case.sla.met",
                        "case.updated"))) // in progress met the acknowledge and triage promises
                .body("items[1].before", containsString("NEW")).body("items[1].after", containsString("IN_PROGRESS"));

        // The service's own database role cannot rewrite history.
        try (Connection app = DriverManager.getConnection(DB, "cases_app", "vigil"); Statement st = app.createStatement()) {
            st.execute("select set_config('app.tenant_ids', '" + t + "', false)");
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeUpdate("update cases.case_audit set actor = 'nobody' where tenant_id = '" + t + "'"));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeUpdate("delete from cases.case_audit where tenant_id = '" + t + "'"));
        }
        // Someone with the database's keys changes row 2: verification names it.
        try (Connection owner = DriverManager.getConnection(DB, "postgres", "vigil"); Statement st = owner.createStatement()) {
            st.executeUpdate("update cases.case_audit set after = replace(after, 'IN_PROGRESS', 'RESOLVED')"
                    + " where tenant_id = '" + t + "' and seq = 2");
        }
        given().auth().oauth2(manager).queryParam("tenantId", t.toString()).get("/api/v1/cases/audit/verify").then()
                .statusCode(200).body("intact", equalTo(false)).body("firstBrokenSeq", equalTo(2))
                .body("problem", containsString("changed after it was written"));
        given().auth().oauth2(token("soc-manager", UUID.randomUUID())).queryParam("tenantId", t.toString())
                .get("/api/v1/cases/audit/verify").then().statusCode(404);
    }

    @Test
    void observablesComeFromTheAlertsRelateCasesOfOneClientAndAcrossClientsOnlyAsACountOfTwoOrMore() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        String host = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String analystA = token("soc-tier2", a);
        publisher.publish("alerts", alert(a, UUID.randomUUID().toString(), host.toUpperCase(), "HIGH", "high", null));
        publisher.publish("alerts", alert(a, UUID.randomUUID().toString(), host, "MEDIUM", "medium", null));
        List<Map<String, Object>> mine = awaitCases(analystA, a, 2);
        String first = (String) mine.get(0).get("id");
        String second = (String) mine.get(1).get("id");

        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/observables").then().statusCode(200)
                .body("items.find { it.type == 'host' }.value", equalTo(host)) // one spelling, whatever the alert's
                .body("items.find { it.type == 'host' }.source", equalTo("ALERT"))
                .body("items.find { it.type == 'user' }.value", equalTo("corp\\jdoe"))
                .body("items.find { it.type == 'host' }.otherClients", nullValue());
        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/related").then().statusCode(200)
                .body("items.id", equalTo(List.of(second))).body("items[0].shared.type", hasItem("host"));

        // The same host at one other client: still no signal (that one client could be inferred).
        String analystB = token("soc-tier2", b);
        publisher.publish("alerts", alert(b, UUID.randomUUID().toString(), host, "LOW", "low", null));
        awaitCases(analystB, b, 1);
        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/observables").then().statusCode(200)
                .body("items.find { it.type == 'host' }.otherClients", nullValue());
        String analystC = token("soc-tier2", c);
        publisher.publish("alerts", alert(c, UUID.randomUUID().toString(), host, "LOW", "low", null));
        awaitCases(analystC, c, 1);
        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/observables").then().statusCode(200)
                .body("items.find { it.type == 'host' }.otherClients", equalTo(2));
        // Related cases never cross clients, and another client's case is 404.
        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/related").then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().auth().oauth2(analystB).get("/api/v1/cases/" + first + "/observables").then().statusCode(404);

        // By hand: an IOC; again is a no-op; a type nobody knows is refused with the allowed ones.
        given().auth().oauth2(analystA).contentType(ContentType.JSON).body(Map.of("type", "ip", "value", "203.0.113.9",
                "ioc", true, "tlp", "AMBER+STRICT")).post("/api/v1/cases/" + first + "/observables").then().statusCode(200)
                .body("ioc", equalTo(true)).body("source", equalTo("ANALYST")).body("tlp", equalTo("AMBER+STRICT"));
        given().auth().oauth2(analystA).contentType(ContentType.JSON).body(Map.of("type", "ip", "value", "203.0.113.9"))
                .post("/api/v1/cases/" + first + "/observables").then().statusCode(200);
        given().auth().oauth2(analystA).get("/api/v1/cases/" + first + "/observables").then()
                .body("items.findAll { it.type == 'ip' }.size()", equalTo(1));
        given().auth().oauth2(analystA).contentType(ContentType.JSON).body(Map.of("type", "vibe", "value", "x"))
                .post("/api/v1/cases/" + first + "/observables").then().statusCode(422)
                .body(containsString("file-hash"));
    }

    @Test
    void internalCommentsStayWithTheProviderAndTheClientsCommentsAreShared() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = token("soc-tier1", t);
        String clientAdmin = token("customer-admin", t);
        String cio = token("customer-viewer", t);
        publisher.publish("alerts", alert(t, UUID.randomUUID().toString(), "pay01", "HIGH", "high", null));
        String id = (String) awaitCases(analyst, t, 1).get(0).get("id");
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("body", "looks like the red team again"))
                .post("/api/v1/cases/" + id + "/comments").then().statusCode(201)
                .body("visibility", equalTo("INTERNAL")).body("authorParty", equalTo("PROVIDER"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("body", "Is a pentest running on pay01?",
                "visibility", "SHARED")).post("/api/v1/cases/" + id + "/comments").then().statusCode(201);
        given().auth().oauth2(clientAdmin).contentType(ContentType.JSON).body(Map.of("body", "No pentest this week."))
                .post("/api/v1/cases/" + id + "/comments").then().statusCode(201)
                .body("visibility", equalTo("SHARED")).body("authorParty", equalTo("CLIENT"));
        given().auth().oauth2(clientAdmin).contentType(ContentType.JSON).body(Map.of("body", "x", "visibility", "INTERNAL"))
                .post("/api/v1/cases/" + id + "/comments").then().statusCode(403);
        given().auth().oauth2(cio).contentType(ContentType.JSON).body(Map.of("body", "x"))
                .post("/api/v1/cases/" + id + "/comments").then().statusCode(403);

        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(3));
        given().auth().oauth2(cio).get("/api/v1/cases/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.visibility.unique()", equalTo(List.of("SHARED")));
        // No detection-service runs beside this test: the timeline stands without the events, and says so.
        String timeline = given().auth().oauth2(cio).get("/api/v1/cases/" + id + "/timeline").then().statusCode(200)
                .header("X-Vigil-Partial", "events").extract().asString();
        assertTrue(!timeline.contains("red team") && !timeline.contains("INTERNAL"), timeline);
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?kind=comment").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items[0].summary", containsString("red team"));
    }

    @Test
    void anAnalystsSavedViewNarrowsTheQueueAndIsNobodyElses() throws Exception {
        UUID t = UUID.randomUUID();
        String tier2 = token("soc-tier2", t);
        for (String sev : List.of("CRITICAL", "LOW", "LOW")) {
            publisher.publish("alerts", alert(t, UUID.randomUUID().toString(), "h-" + UUID.randomUUID(), sev,
                    sev.equals("CRITICAL") ? "critical" : "low", null));
        }
        List<Map<String, Object>> all = awaitCases(tier2, t, 3);
        String low = (String) all.stream().filter(c -> c.get("severity").equals("LOW")).findFirst().orElseThrow().get("id");
        patch(tier2, low, null, Map.of("assignee", "me", "status", "ACKNOWLEDGED")).then().statusCode(200);

        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("tenantIds", List.of(t.toString()),
                "severities", List.of("CRITICAL", "HIGH"), "statuses", List.of("NEW"))).put("/api/v1/cases/views/night-shift")
                .then().statusCode(200).body("name", equalTo("night-shift"));
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("tenantIds", List.of(t.toString()),
                "assignee", "me")).put("/api/v1/cases/views/my-work").then().statusCode(200);
        given().auth().oauth2(tier2).get("/api/v1/cases/views").then().statusCode(200)
                .body("items.name", equalTo(List.of("my-work", "night-shift")));
        given().auth().oauth2(tier2).queryParam("view", "night-shift").get("/api/v1/cases").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].severity", equalTo("CRITICAL"));
        given().auth().oauth2(tier2).queryParam("view", "my-work").get("/api/v1/cases").then().statusCode(200)
                .header("X-Total-Count", "1").body("items[0].id", equalTo(low));
        given().auth().oauth2(tier2).queryParam("view", "night-shift").queryParam("severity", "LOW")
                .get("/api/v1/cases").then().statusCode(200).header("X-Total-Count", "1") // the query's severity wins
                .body("items[0].severity", equalTo("LOW")).body("items[0].status", equalTo("NEW"));

        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("tenantIds", List.of(UUID.randomUUID().toString())))
                .put("/api/v1/cases/views/elsewhere").then().statusCode(404); // a tenant this analyst does not serve

        String colleague = token("soc-tier2", t);
        given().auth().oauth2(colleague).queryParam("view", "night-shift").get("/api/v1/cases").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("sort", "loudest"))
                .put("/api/v1/cases/views/Bad_Name").then().statusCode(422);
        given().auth().oauth2(tier2).delete("/api/v1/cases/views/my-work").then().statusCode(204);
        given().auth().oauth2(tier2).queryParam("view", "my-work").get("/api/v1/cases").then().statusCode(404);
    }

    private static Response patch(String token, String id, String etag, Map<String, Object> body) {
        var r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            r = r.header("If-Match", etag);
        }
        return r.patch("/api/v1/cases/" + id);
    }

    private static String token(String role, UUID tenant) {
        return Keycloak.userToken(List.of(role), List.of(Keycloak.tenantGroup(tenant)));
    }

    /** A valid alert.raised message for this rule and host, from the published schema's first example. */
    static Envelope alert(UUID tenant, String rule, String host, String severity, String level, String criticality) {
        return alert(tenant, rule, host, severity, level, criticality, p -> { });
    }

    /** An {@code alert.raised} from the contract's example, with the given fields and any further edit. */
    static Envelope alert(UUID tenant, String rule, String host, String severity, String level, String criticality,
            java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode p = (ObjectNode) EventContracts.examples("alert.raised").get(0).deepCopy();
        p.put("ruleId", rule).put("severity", severity).put("level", level);
        ObjectNode entities = (ObjectNode) p.get("entities");
        entities.put("host", host);
        if (criticality == null) {
            entities.remove("assetCriticality");
        } else {
            entities.put("assetCriticality", criticality);
        }
        edit.accept(p);
        return new Envelope(tenant, UUID.randomUUID(), "alert.raised", 1, Instant.now(), p.toString());
    }

    private static List<Map<String, Object>> awaitCases(String token, UUID tenant, int n) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<Map<String, Object>> items = List.of();
        while (Instant.now().isBefore(deadline)) {
            items = given().auth().oauth2(token).queryParam("tenantId", tenant.toString()).queryParam("limit", 500)
                    .get("/api/v1/cases").jsonPath().getList("items");
            int alerts = items.stream().mapToInt(c -> (Integer) c.get("alertCount")).sum();
            if (items.size() >= n && alerts >= n) {
                Thread.sleep(300); // let any alert still on its way land
                return given().auth().oauth2(token).queryParam("tenantId", tenant.toString()).queryParam("limit", 500)
                        .get("/api/v1/cases").jsonPath().getList("items");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + n + " cases for " + tenant + ", saw " + items);
    }

    private boolean awaitEntry(String stream, long since, String needle, String field) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (var m : redis.stream(String.class, String.class, String.class).xrange(stream,
                    io.quarkus.redis.datasource.stream.StreamRange.of(since + "-0", "+"))) {
                String payload = m.payload().get("payload");
                if (payload != null && payload.contains(needle) && payload.contains(field)) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
