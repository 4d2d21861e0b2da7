package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.cases.sla.service.SlaWatch;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SLA and regulatory clocks on a fixed clock: business hours across a weekend and holidays in the tenant's
 * zone, the pause while waiting on the customer, warnings and breaches announced on case.events, and a
 * client's comment that never stops the provider's clock.
 */
@QuarkusTest
class CaseSlaTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    RedisDataSource redis;
    @Inject
    MovableClock clock;
    @Inject
    SlaWatch watch;
    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void businessHoursSkipTheWeekendAndHolidaysAndWaitingOnTheCustomerPausesTheClock() throws Exception {
        UUID t = UUID.randomUUID();
        String since = String.valueOf(System.currentTimeMillis() - 1000);
        tenant(t, "Europe/Paris", "HYBRID", List.of());
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.coverage.replaced", 1, Instant.now(),
                mapper.writeValueAsString(Map.of("tenantId", t, "timeZone", "Europe/Paris", "socModel", "HYBRID",
                        "windows", weekdays("09:00", "17:00"), "holidays", List.of("2026-11-09", "2026-11-11")))));
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.sla-policy.overridden", 1, Instant.now(),
                mapper.writeValueAsString(Map.of("HIGH", Map.of("acknowledgeMinutes", 60, "triageMinutes", 120,
                        "containMinutes", 480, "notifyMinutes", 240, "resolveMinutes", 960, "clock", "BUSINESS_HOURS")))));
        awaitFacts(t, "select count(*) from cases.sla_targets where tenant_id = '" + t + "'", 1);
        awaitFacts(t, "select count(*) from cases.tenant_profiles where tenant_id = '" + t + "' and windows <> '[]'", 1);

        // Friday 6 November 2026, 16:30 in Paris: half an hour of business left before the weekend.
        clock.set(Instant.parse("2026-11-06T15:30:00Z"));
        String tier1 = token("soc-tier1", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "pay-srv-01", "HIGH", "high", "high"));
        Map<String, Object> c = awaitCase(tier1, t);
        String id = (String) c.get("id");
        assertEquals("CLIENT", c.get("ownerParty"), "a hybrid client's case in its team's hours goes to that team");
        assertEquals("ON_TRACK", c.get("slaState"));
        Map<String, Map<String, Object>> clocks = clocks(tier1, id);
        // 30 minutes on Friday; Saturday, Sunday and the Monday holiday count nothing; 30 minutes on Tuesday.
        assertEquals("2026-11-10T08:30:00Z", clocks.get("ACKNOWLEDGE").get("dueAt"));
        assertEquals("2026-11-10T08:15:00Z", clocks.get("ACKNOWLEDGE").get("atRiskAt"), "warned at 75% of the target");
        assertEquals("BUSINESS_HOURS", clocks.get("ACKNOWLEDGE").get("counting"));
        assertEquals("2026-11-10T08:30:00Z", c.get("slaDueAt"), "the queue shows the soonest deadline");

        // Tuesday 09:20 in Paris: the acknowledgement is at risk, and everyone hears of it once.
        assertTrue(watch.watchNow(Instant.parse("2026-11-10T08:20:00Z")) >= 1);
        watch.watchNow(Instant.parse("2026-11-10T08:21:00Z"));
        given().auth().oauth2(tier1).queryParam("tenantId", t.toString()).queryParam("slaState", "AT_RISK")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", hasItem(id));
        assertTrue(awaitClockEvent(since, "case.sla.at-risk", id, "ACKNOWLEDGE"), "case.sla.at-risk announced");
        assertEquals(1, clockEvents(since, "case.sla.at-risk", id, "ACKNOWLEDGE"), "a warning is given once");

        // The client's own comment does not stop the provider's notify clock.
        clock.set(Instant.parse("2026-11-10T08:22:00Z"));
        given().auth().oauth2(token("customer-analyst", t)).contentType(ContentType.JSON)
                .body(Map.of("body", "we see it too")).post("/api/v1/cases/" + id + "/comments").then().statusCode(201);
        assertNull(clocks(tier1, id).get("NOTIFY").get("stoppedAt"), "a client comment never stops a clock");

        // The provider acknowledges at 09:25: in time.
        clock.set(Instant.parse("2026-11-10T08:25:00Z"));
        patch(tier1, id, Map.of("status", "ACKNOWLEDGED")).then().statusCode(200);
        assertEquals("MET", clocks(tier1, id).get("ACKNOWLEDGE").get("state"));
        assertTrue(awaitClockEvent(since, "case.sla.met", id, "ACKNOWLEDGE"));

        // Waiting on the customer from 10:00 to 14:00 Paris time: four hours that do not count.
        clock.set(Instant.parse("2026-11-10T09:00:00Z"));
        patch(tier1, id, Map.of("status", "WAITING_ON_CUSTOMER")).then().statusCode(200);
        Map<String, Object> paused = clocks(tier1, id).get("CONTAIN");
        assertEquals(true, paused.get("paused"));
        assertEquals(90, paused.get("countedMinutes"), "30 on Friday and 60 on Tuesday");
        clock.set(Instant.parse("2026-11-10T13:00:00Z"));
        patch(tier1, id, Map.of("status", "IN_PROGRESS")).then().statusCode(200);
        clocks = clocks(tier1, id);
        assertEquals(240, clocks.get("CONTAIN").get("pausedMinutes"), "the pause is shown apart");
        assertEquals(false, clocks.get("CONTAIN").get("paused"));
        // 390 minutes left: 180 on Tuesday afternoon, none on Armistice day, 210 on Thursday morning.
        assertEquals("2026-11-12T11:30:00Z", clocks.get("CONTAIN").get("dueAt"));
        assertEquals("MET", clocks.get("TRIAGE").get("state"), "moving it in progress ended triage, paused time not counted");
        assertEquals(90, clocks.get("TRIAGE").get("countedMinutes"));

        // Thursday 13:00: containment and the client's notification are late.
        watch.watchNow(Instant.parse("2026-11-12T12:00:00Z"));
        clocks = clocks(tier1, id);
        assertEquals("BREACHED", clocks.get("CONTAIN").get("state"));
        assertEquals("BREACHED", clocks.get("NOTIFY").get("state"));
        assertTrue(awaitClockEvent(since, "case.sla.breached", id, "CONTAIN"), "case.sla.breached announced");
        given().auth().oauth2(tier1).queryParam("tenantId", t.toString()).queryParam("slaState", "BREACHED")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", hasItem(id))
                .body("items[0].slaState", equalTo("BREACHED"));

        // The provider's shared comment is the client's notification: it stops that clock, late.
        clock.set(Instant.parse("2026-11-12T12:05:00Z"));
        given().auth().oauth2(tier1).contentType(ContentType.JSON)
                .body(Map.of("body", "we are containing the server", "visibility", "SHARED"))
                .post("/api/v1/cases/" + id + "/comments").then().statusCode(201);
        Map<String, Object> notify = clocks(tier1, id).get("NOTIFY");
        assertEquals("2026-11-12T12:05:00Z", notify.get("stoppedAt"));
        assertEquals("BREACHED", notify.get("state"), "a late notification stays a breach");
        assertTrue(awaitClockEvent(since, "case.sla.met-late", id, "NOTIFY"), "kept late is announced, for reports");

        // The clock's warnings and breaches are on the case's timeline.
        given().auth().oauth2(tier1).get("/api/v1/cases/" + id + "/timeline?kind=action").then().statusCode(200)
                .body("items.summary", hasItem(containsString("case.sla.breached")))
                .body("items.summary", hasItem(containsString("case.sla.at-risk")));
        // Another tenant's analyst learns nothing of these clocks.
        given().auth().oauth2(token("soc-tier1", UUID.randomUUID())).get("/api/v1/cases/" + id + "/clocks")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCaseOutsideTheClientTeamsHoursGoesToTheProviderAndTheQueueSortsBySlaDeadline() throws Exception {
        UUID t = UUID.randomUUID();
        tenant(t, "America/New_York", "HYBRID", List.of());
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.coverage.replaced", 1, Instant.now(),
                mapper.writeValueAsString(Map.of("tenantId", t, "timeZone", "America/New_York", "socModel", "HYBRID",
                        "windows", weekdays("08:00", "18:00"), "holidays", List.of()))));
        awaitFacts(t, "select count(*) from cases.tenant_profiles where tenant_id = '" + t + "' and windows <> '[]'", 1);
        String analyst = token("soc-tier2", t);
        // Saturday 3 a.m. in New York: the provider's night shift has it.
        clock.set(Instant.parse("2026-11-14T08:00:00Z"));
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ny-ws-1", "LOW", "low", null));
        Map<String, Object> low = awaitCase(analyst, t);
        assertEquals("PROVIDER", low.get("ownerParty"));
        clock.set(Instant.parse("2026-11-14T08:01:00Z"));
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ny-ws-2", "CRITICAL", "critical", "critical"));
        List<Map<String, Object>> both = awaitCases(analyst, t, 2);
        assertEquals("CRITICAL", both.get(0).get("severity"), "the queue's default order is the soonest SLA deadline: the"
                + " critical case's 15 minutes come before the low case's business hours");
        Instant first = Instant.parse((String) both.get(0).get("slaDueAt"));
        Instant second = Instant.parse((String) both.get(1).get("slaDueAt"));
        assertTrue(first.isBefore(second), first + " before " + second);
    }

    @Test
    void regulatoryClocksRunFromAwarenessWarnBreachAndChainTheirStages() throws Exception {
        UUID t = UUID.randomUUID();
        String since = String.valueOf(System.currentTimeMillis() - 1000);
        tenant(t, "Europe/Paris", "MANAGED", List.of("NIS2", "GDPR"));
        awaitFacts(t, "select count(*) from cases.tenant_profiles where tenant_id = '" + t + "' and array_length(regimes, 1) = 2", 1);
        Instant t0 = Instant.parse("2026-11-16T10:00:00Z");
        clock.set(t0);
        String tier2 = token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "nis-srv-1", "CRITICAL", "critical", "critical"));
        String id = (String) awaitCase(tier2, t).get("id");

        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("regime", "DORA"))
                .post("/api/v1/cases/" + id + "/reportable").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("[NIS2, GDPR]"));
        given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("regime", "NIS2", "stage", "NOTIFICATION", "recipient", "CERT-FR"))
                .post("/api/v1/cases/" + id + "/regulatory-notifications").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("mark it reportable"));
        given().auth().oauth2(token("soc-tier1", t)).contentType(ContentType.JSON).body(Map.of("regime", "NIS2"))
                .post("/api/v1/cases/" + id + "/reportable").then().statusCode(403);

        Instant aware = t0.minus(Duration.ofHours(1));
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("regime", "NIS2", "awareAt", aware.toString()))
                .post("/api/v1/cases/" + id + "/reportable").then().statusCode(200);
        Map<String, Map<String, Object>> clocks = clocks(tier2, id);
        assertEquals(aware.plus(Duration.ofHours(24)).toString(), clocks.get("NIS2_EARLY_WARNING").get("dueAt"));
        assertEquals(aware.plus(Duration.ofHours(72)).toString(), clocks.get("NIS2_NOTIFICATION").get("dueAt"));
        assertEquals("REGULATORY", clocks.get("NIS2_NOTIFICATION").get("family"));
        assertEquals("ALWAYS", clocks.get("NIS2_NOTIFICATION").get("counting"), "regulators count every hour");

        watch.watchNow(aware.plus(Duration.ofHours(19)));
        assertTrue(awaitClockEvent(since, "case.sla.at-risk", id, "NIS2_EARLY_WARNING"), "the early warning is due soon");

        clock.set(aware.plus(Duration.ofHours(20)));
        given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("regime", "NIS2", "stage", "early-warning", "recipient", "CERT-FR", "summary", "suspected ransomware"))
                .post("/api/v1/cases/" + id + "/regulatory-notifications").then().statusCode(201).body("onTime", equalTo(true));
        assertEquals("MET", clocks(tier2, id).get("NIS2_EARLY_WARNING").get("state"));

        watch.watchNow(aware.plus(Duration.ofHours(73)));
        assertTrue(awaitClockEvent(since, "case.sla.breached", id, "NIS2_NOTIFICATION"), "the 72-hour notification is late");
        Instant sent = aware.plus(Duration.ofHours(74));
        clock.set(sent);
        given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("regime", "NIS2", "stage", "NOTIFICATION", "recipient", "CERT-FR"))
                .post("/api/v1/cases/" + id + "/regulatory-notifications").then().statusCode(201).body("onTime", equalTo(false));
        clocks = clocks(tier2, id);
        assertEquals("BREACHED", clocks.get("NIS2_NOTIFICATION").get("state"));
        assertTrue(awaitClockEvent(since, "case.sla.met-late", id, "NIS2_NOTIFICATION"), "sent late, not missing");
        assertEquals(sent.atZone(java.time.ZoneId.of("Europe/Paris")).plusMonths(1).toInstant().toString(),
                clocks.get("NIS2_FINAL_REPORT").get("dueAt"), "the final report is due one month after the notification");
        given().auth().oauth2(tier2).get("/api/v1/cases/" + id + "/regulatory-notifications").then().statusCode(200)
                .body("items.stage", equalTo(List.of("EARLY_WARNING", "NOTIFICATION")))
                .body("items.onTime", equalTo(List.of(true, false)));
        given().auth().oauth2(token("customer-viewer", UUID.randomUUID()))
                .get("/api/v1/cases/" + id + "/regulatory-notifications").then().statusCode(404);
        given().auth().oauth2(tier2).get("/api/v1/cases/" + id).then().body("slaState", not(equalTo("ON_TRACK")));
    }

    private int clockEvents(String since, String type, String caseId, String kind) throws Exception {
        int n = 0;
        for (var m : redis.stream(String.class, String.class, String.class).xrange("case.events",
                StreamRange.of(since + "-0", "+"))) {
            if (type.equals(m.payload().get("type"))) {
                JsonNode p = mapper.readTree(m.payload().get("payload"));
                if (caseId.equals(p.path("caseId").asText()) && kind.equals(p.path("clock").path("kind").asText())) {
                    n++;
                }
            }
        }
        return n;
    }

    private void tenant(UUID t, String zone, String model, List<String> regimes) throws Exception {
        tenant(publisher, mapper, t, "SLA client " + t.toString().substring(0, 8), zone, model, regimes);
    }

    /** Announces a tenant on tenant.events, as tenant-service does when it is created. */
    static void tenant(StreamPublisher publisher, ObjectMapper mapper, UUID t, String name, String zone, String model,
            List<String> regimes) throws Exception {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("id", t);
        p.put("name", name);
        p.put("slug", "sla-" + t.toString().substring(0, 8));
        p.put("status", "ACTIVE");
        p.put("socModel", model);
        p.put("timeZone", zone);
        p.put("regulatoryRegimes", regimes);
        p.put("version", 0);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.created", 1, Instant.now(),
                mapper.writeValueAsString(p)));
    }

    private static List<Map<String, String>> weekdays(String start, String end) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            out.add(Map.of("day", d, "start", start, "end", end));
        }
        return out;
    }

    static void awaitFacts(UUID t, String sql, int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (Connection db = DriverManager.getConnection(CaseTriageTest.DB, "postgres", "vigil")) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = db.createStatement().executeQuery(sql)) {
                    r.next();
                    if (r.getInt(1) >= n) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("tenant facts of " + t + " never arrived: " + sql);
    }

    private Map<String, Map<String, Object>> clocks(String token, String id) {
        List<Map<String, Object>> items = given().auth().oauth2(token).get("/api/v1/cases/" + id + "/clocks")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        items.forEach(i -> out.put((String) i.get("kind"), i));
        return out;
    }

    private boolean awaitClockEvent(String since, String type, String caseId, String kind) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (var m : redis.stream(String.class, String.class, String.class).xrange("case.events",
                    StreamRange.of(since + "-0", "+"))) {
                if (type.equals(m.payload().get("type"))) {
                    JsonNode p = mapper.readTree(m.payload().get("payload"));
                    if (caseId.equals(p.path("caseId").asText()) && kind.equals(p.path("clock").path("kind").asText())) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    static Response patch(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).patch("/api/v1/cases/" + id);
    }

    static String token(String role, UUID tenant) {
        return Keycloak.userToken(List.of(role), List.of(Keycloak.tenantGroup(tenant)));
    }

    static Map<String, Object> awaitCase(String token, UUID tenant) throws InterruptedException {
        return awaitCases(token, tenant, 1).get(0);
    }

    static List<Map<String, Object>> awaitCases(String token, UUID tenant, int n) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<Map<String, Object>> items = List.of();
        while (Instant.now().isBefore(deadline)) {
            items = given().auth().oauth2(token).queryParam("tenantId", tenant.toString()).get("/api/v1/cases")
                    .jsonPath().getList("items");
            if (items.size() >= n) {
                return items;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + n + " cases for " + tenant + ", saw " + items);
    }
}
