package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A known month of case.* messages for two tenants, and the figures reporting computes from them, each checked
 * against a value worked out by hand: medians and 90th percentiles (linear between neighbours, as PostgreSQL's
 * percentile_cont), compliance with a paused clock, a breach kept late, a regulatory deadline still overdue.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingMetricsTest {

    /** October 2026 in Paris: from 2026-09-30T22:00Z to 2026-10-31T23:00Z (summer time ends on the 25th). */
    static final String MONTH = "2026-10";
    static final Instant BASE = Instant.parse("2026-10-05T08:00:00Z");

    @Inject
    StreamPublisher publisher;
    @Inject
    io.vigil.reporting.monthly.service.MonthlyReports monthly;

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID[] cases = new UUID[9];
    final UUID bCase = UUID.randomUUID();
    final UUID runId = UUID.randomUUID();
    final String r1 = "rule-" + UUID.randomUUID();
    final String r2 = "rule-" + UUID.randomUUID();
    String viewerA;
    String analystA;
    boolean caughtUp;

    @BeforeAll
    void aMonthOfCases() throws Exception {
        for (int i = 0; i < cases.length; i++) {
            cases[i] = UUID.randomUUID();
        }
        tenant(a, "Acme Bank", "Europe/Paris");
        tenant(b, "Globex", "America/New_York");
        asset(a, "fin-ws-042", "fin-ws-042.corp.example", "CRITICAL", "finance");
        asset(b, "fin-ws-042", "fin-ws-042.corp.example", "LOW", "globex-lab");

        // c1..c5 HIGH, acknowledged after 2, 4, 6, 8 and 100 minutes; c6 CRITICAL after 10; c7 MEDIUM, untouched.
        // Each case's first event came a minute before the case was opened.
        Instant t1 = BASE;
        caseFile(a, 1, t1, "HIGH", r1, "created", 0, f -> f.put("status", "NEW"));
        caseFile(a, 1, t1.plusSeconds(120), "HIGH", r1, "updated", 1, f -> ack(f, t1, 2).put("status", "IN_PROGRESS"));
        caseFile(a, 1, t1.plusSeconds(1800), "HIGH", r1, "updated", 2, f -> ack(f, t1, 2).put("status", "CONTAINED")
                .put("containedAt", t1.plusSeconds(1800).toString()));
        Instant t2 = BASE.plus(Duration.ofHours(1));
        caseFile(a, 2, t2, "HIGH", r1, "created", 0, f -> f.put("status", "NEW"));
        caseFile(a, 2, t2.plusSeconds(240 * 60), "HIGH", r1, "updated", 1, f -> ack(f, t2, 4).put("status", "RESOLVED")
                .put("containedAt", t2.plusSeconds(90 * 60).toString()).put("resolvedAt", t2.plusSeconds(240 * 60).toString()));
        Instant t3 = BASE.plus(Duration.ofHours(2));
        caseFile(a, 3, t3, "HIGH", r1, "created", 0, f -> f.put("status", "NEW"));
        // Closed (version 3) arrives before an older update (version 1): the older one must not roll it back.
        caseFile(a, 3, t3.plusSeconds(20 * 60), "HIGH", r1, "closed", 3, f -> closed(ack(f, t3, 6), t3, 20, "FALSE_POSITIVE"));
        caseFile(a, 3, t3.plusSeconds(6 * 60), "HIGH", r1, "updated", 1, f -> ack(f, t3, 6).put("status", "IN_PROGRESS"));
        Instant t4 = BASE.plus(Duration.ofHours(3));
        caseFile(a, 4, t4, "HIGH", r1, "closed", 2, f -> closed(ack(f, t4, 8), t4, 30, "FALSE_POSITIVE"));
        Instant t5 = BASE.plus(Duration.ofHours(4));
        // c5 closed, reopened, then closed again after 300 minutes.
        caseFile(a, 5, t5.plusSeconds(150 * 60), "HIGH", r2, "closed", 2, f -> closed(ack(f, t5, 100), t5, 150,
                "TRUE_POSITIVE"));
        caseFile(a, 5, t5.plusSeconds(160 * 60), "HIGH", r2, "reopened", 3, f -> ack(f, t5, 100).put("status", "IN_PROGRESS"));
        caseFile(a, 5, t5.plusSeconds(300 * 60), "HIGH", r2, "closed", 4, f -> closed(ack(f, t5, 100), t5, 300,
                "TRUE_POSITIVE"));
        Instant t6 = BASE.plus(Duration.ofHours(5));
        caseFile(a, 6, t6, "CRITICAL", r2, "updated", 2, f -> ack(f, t6, 10).put("status", "CONTAINED")
                .put("containedAt", t6.plusSeconds(45 * 60).toString()));
        Instant t7 = BASE.plus(Duration.ofHours(6));
        caseFile(a, 7, t7, "MEDIUM", r1, "created", 0, f -> f.put("status", "NEW"));
        // Outside October in Paris: 23:59 on 30 September, and 00:30 on 1 November.
        caseFile(a, 0, Instant.parse("2026-09-30T21:59:00Z"), "HIGH", r1, "created", 0, f -> f.put("status", "NEW"));
        caseFile(a, 8, Instant.parse("2026-10-31T23:30:00Z"), "HIGH", r1, "created", 0, f -> f.put("status", "NEW"));
        // Tenant B: one confirmed, contained case on a host of the same name, its acknowledgement breached.
        caseFile(b, -1, BASE, "CRITICAL", r1, "updated", 1, f -> ack(f, BASE, 30).put("status", "IN_PROGRESS"));

        // Clocks. Acknowledge, 15 minutes: c1..c4 met, c5 breached then kept late (100 counted).
        for (int i = 1; i <= 4; i++) {
            clock(a, i, "case.sla.met", "SLA", "ACKNOWLEDGE", null, 15, "MET", 2 * i, 0, true);
        }
        clock(a, 5, "case.sla.breached", "SLA", "ACKNOWLEDGE", null, 15, "BREACHED", 15, 0, false);
        clock(a, 5, "case.sla.met-late", "SLA", "ACKNOWLEDGE", null, 15, "BREACHED", 100, 0, true);
        // Contain, 60 minutes on c1: 30 counted, 45 more spent waiting on the customer, not counted: met.
        clock(a, 1, "case.sla.met", "SLA", "CONTAIN", null, 60, "MET", 30, 45, true);
        // Resolve on c2 warned only: still running.
        clock(a, 2, "case.sla.at-risk", "SLA", "RESOLVE", null, 480, "AT_RISK", 400, 0, false);
        // c6 (critical, NIS2): early warning sent late, the notification still overdue, GDPR on time.
        clock(a, 6, "case.sla.breached", "REGULATORY", "NIS2_EARLY_WARNING", "NIS2", 1440, "BREACHED", 1440, 0, false);
        clock(a, 6, "case.sla.met-late", "REGULATORY", "NIS2_EARLY_WARNING", "NIS2", 1440, "BREACHED", 1500, 0, true);
        clock(a, 6, "case.sla.breached", "REGULATORY", "NIS2_NOTIFICATION", "NIS2", 4320, "BREACHED", 4320, 0, false);
        clock(b, -1, "case.sla.breached", "SLA", "ACKNOWLEDGE", null, 15, "BREACHED", 15, 0, false);
        // c6's containment: the host was isolated once the client approved; disabling the account still waits.
        // An older state of the run arrives last and must not undo that.
        run(a, 20, "WAITING_APPROVAL", "WAITING_APPROVAL", null, "WAITING_APPROVAL");
        run(a, 30, "WAITING_APPROVAL", "SUCCEEDED", "ciso.acme", "WAITING_APPROVAL");
        run(a, 10, "RUNNING", "PENDING", null, "PENDING");
        // c5's post-incident review: an older version of it arrives after the newer and changes nothing.
        review(a, 5, "2026-10-28T12:00:00Z", List.of(
                followUp(1, "PROCESS", "Block macros from the internet", "client-it", "2026-10-20", "OPEN", null),
                followUp(2, "DETECTION_UPDATE", "Match the macro's rundll32 child", "detection-engineering", "2026-11-15",
                        "DONE", "2026-10-28T10:00:00Z"),
                followUp(3, "TRAINING", "A phishing drill for finance", "client-hr", "2026-12-31", "OPEN", null),
                followUp(4, "OTHER", "Dropped idea", "soc", "2026-10-10", "DROPPED", null)));
        review(a, 5, "2026-10-27T12:00:00Z", List.of(
                followUp(1, "PROCESS", "Block macros from the internet", "client-it", "2026-10-20", "DONE",
                        "2026-10-27T11:00:00Z")));
        clock(a, 6, "case.sla.met", "REGULATORY", "GDPR_NOTIFICATION", "GDPR", 4320, "MET", 600, 0, true);

        // A's log sources: Sysmon silent 90 minutes on 10 October (and an hour in September); the firewall silent
        // from 22:00 UTC on 31 October, the month's last hour in Paris, and still. A redelivered silence counts
        // once; an older message arriving last does not roll the firewall's health back.
        UUID sysmon = UUID.randomUUID();
        UUID firewall = UUID.randomUUID();
        logSource(a, sysmon, "created", "2026-09-02T00:00:00Z", "Sysmon on workstations", "sysmon", "UNKNOWN", null, null);
        logSource(a, sysmon, "silent", "2026-09-20T00:30:00Z", "Sysmon on workstations", "sysmon", "SILENT",
                "2026-09-19T23:00:00Z", "2026-09-20T00:00:00Z");
        logSource(a, sysmon, "recovered", "2026-09-20T01:00:00Z", "Sysmon on workstations", "sysmon", "OK",
                "2026-09-20T01:00:00Z", null);
        logSource(a, firewall, "silent", "2026-10-31T22:30:00Z", "Firewall syslog", "fortigate", "SILENT",
                "2026-10-31T21:00:00Z", "2026-10-31T22:00:00Z");
        logSource(a, firewall, "created", "2026-09-03T00:00:00Z", "Firewall syslog", "fortigate", "UNKNOWN", null, null);
        logSource(a, firewall, "silent", "2026-10-31T22:30:00Z", "Firewall syslog", "fortigate", "SILENT",
                "2026-10-31T21:00:00Z", "2026-10-31T22:00:00Z");
        // Sysmon's daily counts (UTC days): 1 and 31 October in Paris's October, 30 September not (its noon is
        // before the month began at 22:00 UTC); a smaller, older count of 1 October arriving late changes nothing.
        counted(a, sysmon, "2026-09-30", 200);
        counted(a, sysmon, "2026-10-01", 1000);
        counted(a, sysmon, "2026-10-31", 500);
        counted(a, sysmon, "2026-10-01", 900);
        counted(a, firewall, "2026-10-15", 42);
        // Last on tenant.events: once its recovery shows, everything before it was read.
        logSource(a, sysmon, "silent", "2026-10-10T10:00:00Z", "Sysmon on workstations", "sysmon", "SILENT",
                "2026-10-10T08:00:00Z", "2026-10-10T09:00:00Z");
        logSource(a, sysmon, "recovered", "2026-10-10T10:30:00Z", "Sysmon on workstations", "sysmon", "OK",
                "2026-10-10T10:30:00Z", null);

        // What detection-service announced of A's coverage; an older one arriving late changes nothing.
        coverage(a, "2026-10-20T10:00:00Z", 40);
        coverage(a, "2026-10-19T10:00:00Z", 99);

        Keycloak.tenantGroup(a);
        Keycloak.tenantGroup(b);
        viewerA = Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + a));
        analystA = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + a));
    }

    /** Once, before the first test (REST Assured knows the port only then): waits for the read model. */
    @org.junit.jupiter.api.BeforeEach
    void readModelCaughtUp() throws Exception {
        if (caughtUp) {
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonPath m = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                    .get("/api/v1/reports/tenants/" + a + "/metrics").then().statusCode(200).extract().jsonPath();
            List<Integer> silent = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                    .get("/api/v1/reports/tenants/" + a + "/log-sources").then().extract().jsonPath().getList("items.silentMinutes");
            Object coverage = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                    .get("/api/v1/reports/tenants/" + a + "/attack").then().extract().jsonPath().get("coverage.enabledRules");
            if (Integer.valueOf(40).equals(coverage) && m.getList("clocks.kind").contains("GDPR_NOTIFICATION")
                    && "2026-09-30T22:00:00Z".equals(m.getString("period.from")) && List.of(60, 90).equals(silent)) {
                break; // the last message of A is in, and A's time zone is known
            }
            Thread.sleep(100);
        }
        caughtUp = true;
    }

    @Test
    void responseTimesAreTheMediansAndNinetiethPercentilesOfTheMonthsCases() {
        JsonPath m = metrics(viewerA, a);
        assertEquals("2026-09-30T22:00:00Z", m.getString("period.from"), "the month starts at midnight in Paris");
        assertEquals("2026-10-31T23:00:00Z", m.getString("period.to"));
        // All 7 October cases; acknowledged: 2, 4, 6, 8, 10, 100 -> median (6+8)/2, p90 at 4.5 of 0..5 -> 10 + 0.5 * 90.
        assertEquals(java.util.Arrays.asList(7, 6, 7.0f, 55.0f, null), row(m, "MTTA", "ALL"), "targets are per severity");
        // HIGH: 2, 4, 6, 8, 100 -> median 6, p90 at 3.6 -> 8 + 0.6 * 92 = 63.2; the SLA target is 15.
        assertEquals(List.of(5, 5, 6.0f, 63.2f, 15), row(m, "MTTA", "HIGH"));
        // Contained after 30, 90 (HIGH) and 45 (CRITICAL): median 45, p90 at 1.8 -> 45 + 0.8 * 45 = 81.
        assertEquals(List.of(7, 3, 45.0f, 81.0f), row(m, "MTTC", "ALL").subList(0, 4));
        // Resolved or closed after 240, 20, 30, 300 (all HIGH): median 135, p90 at 2.7 -> 240 + 0.7 * 60 = 282.
        assertEquals(List.of(5, 4, 135.0f, 282.0f), row(m, "MTTR", "HIGH").subList(0, 4));
        assertEquals(List.of(7, 7, 1.0f, 1.0f), row(m, "MTTD", "ALL").subList(0, 4), "first event a minute before");
        assertEquals(List.of(1, 0), row(m, "MTTA", "MEDIUM").subList(0, 2), "the untouched case is counted, not measured");
        assertEquals(List.of("ALL", "CRITICAL", "HIGH", "MEDIUM"),
                m.getList("responseTimes.findAll { it.measure == 'MTTA' }.severity"), "severities worst first");
    }

    @Test
    void complianceCountsMetAndBreachedClocksAndShowsPausedTimeApart() {
        JsonPath m = metrics(viewerA, a);
        Map<String, Object> ack = clock(m, "ACKNOWLEDGE");
        assertEquals(List.of(4, 1, 1, 0, 0), List.of(ack.get("met"), ack.get("breached"), ack.get("keptLate"),
                ack.get("overdue"), ack.get("running")));
        assertEquals(0.8f, ack.get("compliance"));
        Map<String, Object> contain = clock(m, "CONTAIN");
        assertEquals(1.0f, contain.get("compliance"), "45 minutes waiting on the customer do not make it late");
        assertEquals(45, contain.get("pausedMinutes"));
        assertEquals(1, clock(m, "RESOLVE").get("running"));
        org.junit.jupiter.api.Assertions.assertNull(clock(m, "RESOLVE").get("compliance"), "nothing ended yet");
        Map<String, Object> early = clock(m, "NIS2_EARLY_WARNING");
        assertEquals(List.of(0, 1, 1, 0), List.of(early.get("met"), early.get("breached"), early.get("keptLate"),
                early.get("overdue")), "the early warning was sent, late");
        Map<String, Object> notification = clock(m, "NIS2_NOTIFICATION");
        assertEquals(List.of(1, 0), List.of(notification.get("overdue"), notification.get("keptLate")), "not sent yet");
        assertEquals(1.0f, clock(m, "GDPR_NOTIFICATION").get("compliance"));

        assertEquals(3, m.getInt("breachCount"));
        List<Map<String, Object>> breaches = m.getList("breaches");
        Map<String, Object> ackLate = breaches.stream().filter(x -> x.get("kind").equals("ACKNOWLEDGE")).findFirst().orElseThrow();
        assertEquals(5, ackLate.get("caseNumber"));
        assertEquals("Acknowledgement came 85 minutes after its 15-minute target", ackLate.get("cause"));
        Map<String, Object> overdue = breaches.stream().filter(x -> x.get("kind").equals("NIS2_NOTIFICATION")).findFirst().orElseThrow();
        assertTrue(((String) overdue.get("cause")).startsWith("NIS2 notification not done: overdue since "
                + openedAt(6).plusSeconds(4320 * 60) + " ("), (String) overdue.get("cause"));
    }

    @Test
    void volumesCompareWithTheMonthBeforeAndTheTuningListPutsTheNoisiestRuleFirst() {
        JsonPath m = metrics(viewerA, a);
        assertEquals(7, m.getInt("volumes.cases"));
        assertEquals(Map.of("HIGH", 5, "CRITICAL", 1, "MEDIUM", 1), m.getMap("volumes.bySeverity"));
        assertEquals(1, m.getInt("volumes.previousCases"), "the case of 30 September, 23:59 in Paris");
        assertEquals("2026-09", m.getString("volumes.previousPeriod.label"));
        assertEquals(1, m.getInt("volumes.reopened"));
        assertEquals(7 * 3, m.getInt("volumes.alerts"), "each case holds 3 alerts");
        assertEquals(3, m.getInt("volumes.byStatus.CLOSED"), "the late older update did not reopen case 3");
        assertEquals(List.of(r1, r2), m.getList("rules.ruleId"));
        assertEquals(List.of(2, 2, 1.0f), List.of(m.getInt("rules[0].closed"), m.getInt("rules[0].falsePositives"),
                m.getFloat("rules[0].falsePositiveRate")));
        assertEquals(0.0f, m.getFloat("rules[1].falsePositiveRate"));
    }

    @Test
    void tablesExportAsCsv() {
        String csv = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                .get("/api/v1/reports/tenants/" + a + "/metrics/response-times.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("2026-10"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("measure,severity,cases,measured,median_minutes,p90_minutes,target_minutes", lines.get(0));
        assertTrue(lines.contains("MTTA,HIGH,5,5,6.0,63.2,15"), csv);
        String breaches = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                .get("/api/v1/reports/tenants/" + a + "/metrics/breaches.csv").then().statusCode(200).extract().asString();
        assertEquals(1 + 3, breaches.lines().count());
        assertTrue(breaches.contains(",Acknowledgement came 85 minutes after its 15-minute target,"), breaches);
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + a + "/metrics/everything.csv").then()
                .statusCode(404);
    }

    @Test
    void aBriefingTellsTheCioWhatHappenedInBusinessTerms() {
        String path = "/api/v1/reports/tenants/" + a + "/incidents/";
        given().auth().oauth2(viewerA).get(path + cases[6]).then().statusCode(200)
                .body("headline", equalTo("Critical incident affecting 2 systems, 1 of them business-critical; contained."))
                .body("whatHappened", contains("an attacker ran programs or commands on your systems",
                        "an attacker tried to steal passwords or other credentials"))
                .body("affectedAssets.name", contains("fin-ws-042.corp.example", "unknown-42"))
                .body("affectedAssets.criticality", contains("CRITICAL", "UNKNOWN"))
                .body("affectedAssets[0].owner", equalTo("finance"))
                .body("affectedAssets.inInventory", contains(true, false))
                .body("statusInWords", startsWith("Contained"))
                .body("deadlines.kind", hasSize(3))
                .body("technicalDetail", nullValue())
                .body("nextUpdateBy", org.hamcrest.Matchers.notNullValue());
        // What the client must decide, and what was done, from case-service's run messages.
        given().auth().oauth2(viewerA).get(path + cases[6]).then().statusCode(200)
                .body("decisionsNeeded.inWords", contains("Disable the account CORP\\jdoe"))
                .body("decisionsNeeded[0].waitingSince", equalTo(openedAt(6).plusSeconds(30 * 60).toString()))
                .body("decisionsNeeded[0].decide", equalTo("/api/v1/cases/" + cases[6] + "/playbook-runs/" + runId
                        + "/steps/2/decision"))
                .body("containment.inWords", contains("Cut the host fin-ws-042.corp.example off the network",
                        "Disable the account CORP\\jdoe"))
                .body("containment.status", contains("SUCCEEDED", "WAITING_APPROVAL"))
                .body("containment[0].decidedBy", equalTo("ciso.acme"));
        given().auth().oauth2(viewerA).queryParam("detail", true).get(path + cases[6]).then().statusCode(200)
                .body("technicalDetail.ruleId", equalTo(r2));
        // Not an incident (yet, or at all): no briefing.
        given().auth().oauth2(viewerA).get(path + cases[7]).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not a confirmed incident"));
        given().auth().oauth2(viewerA).get(path + cases[3]).then().statusCode(409);
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + a + "/incidents").then().statusCode(200)
                .body("items.caseNumber", contains(6, 5, 2, 1));
        given().auth().oauth2(viewerA).queryParam("state", "open").queryParam("limit", 2)
                .get("/api/v1/reports/tenants/" + a + "/incidents").then().statusCode(200)
                .body("items.caseNumber", contains(6, 2)).body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aClientSeesNoOtherClientsFiguresBriefingsOrExports() {
        String viewerB = Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + b));
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + b + "/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + b + "/metrics/breaches.csv").then().statusCode(404);
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + b + "/incidents").then().statusCode(404);
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + b + "/incidents/" + bCase).then().statusCode(404);
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + a + "/incidents/" + bCase).then().statusCode(404);
        given().auth().oauth2(viewerB).get("/api/v1/reports/tenants/" + b + "/incidents/" + cases[6]).then().statusCode(404);
        // B's own briefing names its host by B's inventory, not A's.
        given().auth().oauth2(viewerB).get("/api/v1/reports/tenants/" + b + "/incidents/" + bCase).then().statusCode(200)
                .body("affectedAssets[0].criticality", equalTo("LOW"));
        given().auth().oauth2(viewerA).get("/api/v1/reports/sla-overview").then().statusCode(403);
    }

    @Test
    void theProviderSeesEveryTenantItServesWorstFirst() {
        String both = Keycloak.userToken(List.of("soc-manager"), List.of("/tenants/" + a, "/tenants/" + b));
        JsonPath o = given().auth().oauth2(both).queryParam("from", "2026-10-01T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z").get("/api/v1/reports/sla-overview").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(b.toString(), a.toString()), o.getList("items.tenantId"), "B kept none of its promises");
        assertEquals(0.0f, o.getFloat("items[0].slaCompliance"));
        assertEquals(List.of(5, 1), List.of(o.getInt("items[1].slaMet"), o.getInt("items[1].slaBreached")));
        assertEquals(0.8333f, o.getFloat("items[1].slaCompliance"));
        given().auth().oauth2(analystA).queryParam("from", "2026-10-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/reports/sla-overview").then().statusCode(200).body("items.tenantId", contains(a.toString()));
    }

    @Test
    void theMonthlyReportTellsTheMonthInBusinessTermsAndIsKeptAsGeneratedWithItsPdf() throws Exception {
        String adminA = Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + a));
        String base = "/api/v1/reports/tenants/" + a + "/monthly/";
        JsonPath made = given().auth().oauth2(adminA).post(base + MONTH).then().statusCode(201)
                .header("Location", base + MONTH).extract().jsonPath();
        int techniques = 216; // ATT&CK Enterprise v18.1's techniques, sub-techniques apart (AttackTest ties the table to MITRE's)
        // Confirmed incidents: c1 and c6 contained, c2 resolved, c5 closed as a true positive (c3, c4 false
        // positives and the untouched c7 are not incidents). SLA: 5 of 6 promises kept, 45 paused minutes.
        assertEquals(List.of(
                "4 confirmed incidents (1 critical, 3 high): 3 contained, 2 resolved or closed.",
                "SLA: 83.3% of promises kept (5 of 6), 1 breached; 45 minutes waiting on you were not counted.",
                "Regulatory notifications: 1 on time, 2 late or overdue.",
                "Cases: 7 (1 in 2026-09); alerts: 21 (3).",
                "Log sources: 2 declared, 1 silent now (\"Firewall syslog\"); 2 silences this month, 150 minutes in all; 1,542"
                        + " events received (200 in 2026-09).",
                "Attack stages seen (ATT&CK tactics, cases): Execution (7), Credential Access (1).",
                "Coverage: detection rules watch 2 of " + techniques + " ATT&CK techniques with the events you send (31 of 40"
                        + " rules can fire); 2 rules wait for events you do not send (windows/process_access).",
                "Improving: 2 follow-ups of post-incident reviews open (1 overdue), 1 done this month."),
                made.getList("headlines"));
        // Open follow-ups, the one due 20 October overdue by the month's end; the one done on the 28th; not the dropped.
        assertEquals(List.of("Block macros from the internet", "Match the macro's rundll32 child", "A phishing drill for finance"),
                made.getList("improvements.title"));
        assertEquals(List.of(true, false, false), made.getList("improvements.overdue"));
        assertEquals(List.of(5, 5, 5), made.getList("improvements.caseNumber"));
        assertEquals(List.of(1, 2, 5, 6), made.getList("incidents.caseNumber"), "oldest first");
        assertEquals(4, made.getInt("incidentCount"));
        assertEquals(true, made.getBoolean("complete"));
        assertEquals("ON_DEMAND", made.getString("trigger"));
        assertEquals(0.8f, made.getFloat("figures.clocks.find { it.kind == 'ACKNOWLEDGE' }.compliance"),
                "the figures are the metrics API's for the month");

        // Stored as generated: read again, listed, and its PDF shows the tenant's figures.
        String stored = given().auth().oauth2(viewerA).get(base + MONTH).then().statusCode(200).extract().asString();
        assertEquals(made.getList("headlines"), JsonPath.from(stored).getList("headlines"));
        assertEquals(made.getString("generatedAt"), JsonPath.from(stored).getString("generatedAt"));
        assertEquals(stored, given().auth().oauth2(viewerA).get(base + MONTH).then().extract().asString(), "same every read");
        given().auth().oauth2(viewerA).get(base).then().statusCode(200).body("items.month", org.hamcrest.Matchers.hasItem(MONTH))
                .body("items.find { it.month == '" + MONTH + "' }.pdf", equalTo(base + MONTH + ".pdf"));
        byte[] pdf = given().auth().oauth2(viewerA).get(base + MONTH + ".pdf").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString(MONTH + ".pdf"))
                .extract().asByteArray();
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Security report 2026-10: Acme Bank"), text);
        assertTrue(text.contains("83.3% of promises kept (5 of 6)"), text);
        assertTrue(text.contains("#6 case 6 CRITICAL"), text);
        assertTrue(text.contains("MTTA HIGH 5 6.0 63.2 15"), text);
        assertTrue(text.contains("Firewall syslog fortigate SILENT 42 1 60"), text);
        assertTrue(text.contains("Sysmon on workstations sysmon OK 1,500 1 90"), text);
        assertTrue(text.contains("#5 Block macros from the internet client-it 2026-10-20 OVERDUE"), text);
        assertTrue(text.contains("Execution T1059.001 Command and Scripting Interpreter: PowerShell 7"), text);
        assertTrue(text.contains("Coverage: detection rules watch 2 of " + techniques), text);

        // Only the tenant's admins and the provider generate; nobody reads another tenant's report.
        given().auth().oauth2(viewerA).post(base + MONTH).then().statusCode(403);
        given().auth().oauth2(analystA).post(base + MONTH).then().statusCode(403);
        String other = "/api/v1/reports/tenants/" + b + "/monthly/";
        given().auth().oauth2(adminA).post(other + MONTH).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(viewerA).get(other).then().statusCode(404);
        given().auth().oauth2(viewerA).get(other + "2026-09").then().statusCode(404);
        given().auth().oauth2(viewerA).get(other + "2026-09.pdf").then().statusCode(404);
        given().auth().oauth2(adminA).post(base + "2999-01").then().statusCode(400).body("detail", containsString("not begun"));
        given().auth().oauth2(viewerA).get(base + "2026-01").then().statusCode(404).body("detail", containsString("POST"));
    }

    @Test
    void theScheduleMakesEachTenantsReportWhenItsOwnMonthHasTurned() {
        // 00:30 UTC on 1 November: already November in Paris, still 31 October in New York.
        monthly.generateDue(Instant.parse("2026-11-01T00:30:00Z"));
        String manager = Keycloak.userToken(List.of("soc-manager"), List.of("/tenants/" + a, "/tenants/" + b));
        given().auth().oauth2(manager).get("/api/v1/reports/tenants/" + a + "/monthly").then()
                .body("items.month", org.hamcrest.Matchers.hasItem(MONTH));
        given().auth().oauth2(manager).get("/api/v1/reports/tenants/" + b + "/monthly").then()
                .body("items.month", contains("2026-09")).body("items[0].trigger", equalTo("SCHEDULED"));
        monthly.generateDue(Instant.parse("2026-11-01T05:00:00Z"));
        monthly.generateDue(Instant.parse("2026-11-01T06:00:00Z")); // once: the hour after changes nothing
        given().auth().oauth2(manager).get("/api/v1/reports/tenants/" + b + "/monthly").then()
                .body("items.month", contains(MONTH, "2026-09"));
        given().auth().oauth2(manager).get("/api/v1/reports/tenants/" + b + "/monthly/" + MONTH).then()
                .body("headlines[0]", equalTo("1 confirmed incident (1 critical, 0 high): 0 contained, 0 resolved or closed."));
    }

    @Test
    void theComplianceViewsMapTheMonthsHandlingToNistCsfAndIso27001WithEvidenceAndGaps() {
        JsonPath v = given().auth().oauth2(viewerA).queryParam("month", MONTH)
                .get("/api/v1/reports/tenants/" + a + "/compliance").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("NIST CSF 2.0", "ISO/IEC 27001:2022 Annex A"), v.getList("frameworks.name"));
        String csf = "frameworks[0].items";
        assertEquals(List.of("DE.CM", "DE.AE", "RS.MA", "RS.AN", "RS.CO", "RS.MI", "RC.RP", "RC.CO"), v.getList(csf + ".id"));
        assertEquals(List.of("EVIDENCED", "GAPS", "GAPS", "GAPS", "GAPS", "EVIDENCED", "GAPS", "EVIDENCED"),
                v.getList(csf + ".status"));
        // Evidence is the metrics' own figures: 21 alerts, 6 of 7 acknowledged (median 7, p90 55 minutes) ...
        assertEquals(List.of("21", "7", "1.0"), v.getList(csf + "[0].evidence.value"));
        assertEquals(List.of("6 of 7", "7.0", "55.0"), v.getList(csf + "[1].evidence.value"));
        assertEquals(List.of(List.of(7)), v.getList(csf + "[1].missing.caseNumbers"), "case 7 was never acknowledged");
        assertEquals(List.of("4", "5 of 6 (83.3%)"), v.getList(csf + "[2].evidence.value"));
        assertEquals(List.of(List.of(5)), v.getList(csf + "[2].missing.caseNumbers"), "c5's acknowledgement breached");
        assertEquals("true positives closed without a root cause (1)", v.getString(csf + "[3].missing[0].what"));
        assertEquals(List.of("1 of 3", "4"), v.getList(csf + "[4].evidence.value"), "GDPR on time; NIS2 twice late");
        assertEquals(List.of(List.of(6)), v.getList(csf + "[4].missing.caseNumbers"));
        assertEquals(List.of("3 of 4", "45.0"), v.getList(csf + "[5].evidence.value"), "c5 closed without containment");
        assertEquals(List.of("2 of 4", "135.0"), v.getList(csf + "[6].evidence.value"));
        assertEquals(List.of(List.of(1, 6)), v.getList(csf + "[6].missing.caseNumbers"), "still open");
        String iso = "frameworks[1].items";
        assertEquals(List.of("A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28"), v.getList(iso + ".id"));
        assertEquals(List.of("GAPS", "GAPS", "GAPS", "GAPS", "EVIDENCED"), v.getList(iso + ".status"));
        assertEquals(List.of(List.of(6, 7)), v.getList(iso + "[0].missing.caseNumbers"),
                "acknowledgement targets ran for HIGH cases only");
        assertEquals(List.of("6 of 7", "4", "2"), v.getList(iso + "[1].evidence.value"));
        assertEquals(List.of("0 of 1", "2"), v.getList(iso + "[3].evidence.value"));
        assertEquals(List.of("4", "12"), v.getList(iso + "[4].evidence.value"));

        // A month with nothing in it shows no activity rather than gaps; another tenant's view is not there.
        given().auth().oauth2(viewerA).queryParam("month", "2026-08").get("/api/v1/reports/tenants/" + a + "/compliance")
                .then().statusCode(200).body("frameworks[0].items.status", org.hamcrest.Matchers.everyItem(equalTo("NO_ACTIVITY")));
        given().auth().oauth2(viewerA).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + b + "/compliance")
                .then().statusCode(404);
    }

    @Test
    void logSourcesShowTheirHealthNowAndTheMonthsSilences() {
        JsonPath l = given().auth().oauth2(viewerA).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + a + "/log-sources")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 1), List.of(l.getInt("sources"), l.getInt("silentNow")));
        assertEquals(List.of("Firewall syslog", "Sysmon on workstations"), l.getList("items.name"));
        assertEquals(List.of("SILENT", "OK"), l.getList("items.health"), "the late older message changed nothing");
        // The firewall: one silence (delivered twice), its last hour of October inside the month; Sysmon: 90 minutes.
        assertEquals(List.of(1, 1), l.getList("items.silences"));
        assertEquals(List.of(60, 90), l.getList("items.silentMinutes"));
        assertEquals(List.of(60, 90), l.getList("items.longestSilenceMinutes"));
        assertEquals("2026-10-31T22:00:00Z", l.getString("items[0].silentSince"));
        // Volumes: the days of the month per source, and month over month.
        assertEquals(List.of(42, 1500), l.getList("items.events"));
        assertEquals(1542, l.getInt("events"));
        assertEquals(List.of(0, 200), l.getList("items.previousPeriodEvents"));
        assertEquals(200, l.getInt("previousPeriodEvents"));
        JsonPath september = given().auth().oauth2(viewerA).queryParam("month", "2026-09")
                .get("/api/v1/reports/tenants/" + a + "/log-sources").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(0, 60), september.getList("items.silentMinutes"));
        given().auth().oauth2(viewerA).get("/api/v1/reports/tenants/" + b + "/log-sources").then().statusCode(404);
    }

    @Test
    void theAttackMatrixPutsTheMonthsCasesUnderEveryTacticInOrder() {
        JsonPath m = given().auth().oauth2(viewerA).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + a + "/attack")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("ATT&CK Enterprise v18.1", m.getString("attackVersion"));
        assertEquals(7, m.getInt("cases"));
        assertEquals(14, m.getList("tactics").size(), "every Enterprise tactic, the empty ones too");
        assertEquals("Reconnaissance", m.getString("tactics[0].name"));
        assertEquals("Impact", m.getString("tactics[13].name"));
        // Every October case names T1059.001 (Execution); case 6 also reached Credential Access by its tags.
        Map<String, Object> execution = m.getMap("tactics.find { it.id == 'TA0002' }");
        assertEquals(7, execution.get("cases"));
        assertEquals(List.of("T1059.001"), m.getList("tactics.find { it.id == 'TA0002' }.techniques.id"));
        assertEquals("Command and Scripting Interpreter: PowerShell",
                m.getString("tactics.find { it.id == 'TA0002' }.techniques[0].name"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), m.getList("tactics.find { it.id == 'TA0002' }.techniques[0].caseNumbers"));
        assertEquals(1, m.getInt("tactics.find { it.id == 'TA0006' }.cases"));
        assertEquals(List.of(), m.getList("tactics.find { it.id == 'TA0006' }.techniques"));
        assertEquals(12, m.getList("tactics.findAll { it.cases == 0 }").size());
        assertEquals(List.of(), m.getList("unknownTechniques"));
        given().auth().oauth2(viewerA).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + b + "/attack")
                .then().statusCode(404);
    }

    @Test
    void theAttackMatrixShowsWhatTheTenantsRulesCanSeeWhereTheyAreBlindAndTheGaps() throws Exception {
        JsonPath m = null;
        for (int i = 0; i < 300 && (m == null || m.get("coverage") == null); i++) {
            m = given().auth().oauth2(viewerA).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + a + "/attack")
                    .then().statusCode(200).extract().jsonPath();
            Thread.sleep(100);
        }
        assertEquals(40, m.getInt("coverage.enabledRules"), "the newest announcement, not the late older one");
        assertEquals(31, m.getInt("coverage.reachableRules"));
        assertEquals(2, m.getInt("coverage.eventKinds"));
        assertEquals(2, m.getInt("coverage.coveredTechniques"), "T1059 (through T1059.001) and T1187");
        assertTrue(m.getInt("coverage.techniques") > 150, "the matrix's techniques, sub-techniques apart");
        assertEquals("windows/process_access", m.getString("coverage.needs[0].logsource"));
        assertEquals(2, m.getInt("coverage.needs[0].rules"));
        // Execution: PowerShell watched by 3 rules; WMI is a gap, PowerShell's parent is not.
        String execution = "tactics.find { it.id == 'TA0002' }";
        assertEquals(List.of("T1059.001"), m.getList(execution + ".covered.id"));
        assertEquals(3, m.getInt(execution + ".covered[0].rules"));
        assertEquals(1, m.getInt(execution + ".coveredTechniques"));
        assertTrue(m.getList(execution + ".gaps.id").contains("T1047"));
        assertFalse(m.getList(execution + ".gaps.id").contains("T1059"));
        assertEquals(m.getInt(execution + ".techniquesInTactic") - 1, m.getList(execution + ".gaps").size());
        // Credential access: forced authentication watched, LSASS memory blind for want of process-access events.
        String credentials = "tactics.find { it.id == 'TA0006' }";
        assertEquals(List.of("T1187"), m.getList(credentials + ".covered.id"));
        assertEquals(List.of("T1003.001"), m.getList(credentials + ".blind.id"));
        assertEquals(List.of("windows/process_access"), m.getList(credentials + ".blind[0].needs"));
        assertFalse(m.getList(credentials + ".gaps.id").contains("T1003"), "named by a blind rule: not a gap");
        assertTrue(m.getList(credentials + ".gaps.id").contains("T1110"));
        assertEquals("Brute Force", m.getString(credentials + ".gaps.find { it.id == 'T1110' }.name"));
    }

    @Test
    void aBadPeriodIsAPreciseBadRequest() {
        String url = "/api/v1/reports/tenants/" + a + "/metrics";
        given().auth().oauth2(viewerA).queryParam("month", "October").get(url).then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("month must be YYYY-MM, got 'October'"));
        given().auth().oauth2(viewerA).queryParam("from", "2026-10-01T00:00:00Z").get(url).then().statusCode(400);
        given().auth().oauth2(viewerA).queryParam("from", "2026-10-01").queryParam("to", "2026-11-01T00:00:00Z")
                .get(url).then().statusCode(400).body("detail", startsWith("from must be an ISO-8601 instant"));
        given().auth().oauth2(viewerA).queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get(url).then().statusCode(400).body("detail", containsString("at most 367 days"));
        given().auth().oauth2(viewerA).queryParam("state", "burning").get("/api/v1/reports/tenants/" + a + "/incidents")
                .then().statusCode(400);
    }

    // --- the messages, as case-service and tenant-service publish them (their schemas' examples, changed) ---

    private static List<Object> row(JsonPath m, String measure, String severity) {
        Map<String, Object> r = m.getMap("responseTimes.find { it.measure == '" + measure + "' && it.severity == '"
                + severity + "' }");
        return new java.util.ArrayList<>(java.util.Arrays.asList(r.get("cases"), r.get("measured"), r.get("medianMinutes"),
                r.get("p90Minutes"), r.get("targetMinutes")));
    }

    private static Map<String, Object> clock(JsonPath m, String kind) {
        return m.getMap("clocks.find { it.kind == '" + kind + "' }");
    }

    private static JsonPath metrics(String token, UUID tenant) {
        return given().auth().oauth2(token).queryParam("month", MONTH).get("/api/v1/reports/tenants/" + tenant + "/metrics")
                .then().statusCode(200).extract().jsonPath();
    }

    private static ObjectNode ack(ObjectNode f, Instant created, int minutes) {
        return f.put("acknowledgedAt", created.plusSeconds(minutes * 60L).toString());
    }

    private static ObjectNode closed(ObjectNode f, Instant created, int minutes, String classification) {
        return f.put("status", "CLOSED").put("closedAt", created.plusSeconds(minutes * 60L).toString())
                .put("classification", classification);
    }

    private void tenant(UUID t, String name, String zone) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.created").get(0).deepCopy()).put("id", t.toString())
                .put("name", name).put("slug", "t-" + t.toString().substring(0, 8)).put("timeZone", zone);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.created", 1,
                Instant.parse("2026-09-01T00:00:00Z"), p.toString()));
    }

    private void asset(UUID t, String host, String fqdn, String criticality, String owner) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.asset.created").get(0).deepCopy())
                .put("id", UUID.randomUUID().toString()).put("tenantId", t.toString()).put("hostname", host)
                .put("fqdn", fqdn).put("criticality", criticality).put("owner", owner);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.asset.created", 1,
                Instant.parse("2026-09-02T00:00:00Z"), p.toString()));
    }

    /** A case.{type} message whose case file was opened at {@code created} (case {@code n} of tenant A, -1 B's). */
    private void caseFile(UUID t, int n, Instant at, String severity, String rule, String type, int version,
            java.util.function.Function<ObjectNode, ObjectNode> change) throws Exception {
        ObjectNode msg = (ObjectNode) EventContracts.examples("case.created").get(0).deepCopy();
        ObjectNode f = (ObjectNode) msg.get("caseFile");
        UUID id = n < 0 ? bCase : cases[n];
        Instant created = n >= 1 && n <= 7 ? openedAt(n) : at;
        f.put("id", id.toString()).put("tenantId", t.toString()).put("number", n < 0 ? 1 : n == 0 ? 100 : n).put("title", "case " + n)
                .put("severity", severity).put("priorityLabel", severity.equals("CRITICAL") ? "P1" : "P2")
                .put("ruleId", rule).put("alertCount", 3).put("version", version)
                .put("createdTimeUtc", created.toString()).put("firstActivityTimeUtc", created.minusSeconds(60).toString())
                .put("lastActivityTimeUtc", created.toString());
        ((ArrayNode) f.putArray("hosts")).add("fin-ws-042.corp.example");
        if (n == 6) {
            ((ArrayNode) f.get("hosts")).add("unknown-42");
            f.putArray("tactics").add("credential_access").add("execution");
        }
        change.apply(f);
        msg.putObject("change").put("by", "tier1.analyst").put("at", at.toString()).putArray("fields");
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case." + type, 1, at, msg.toString()));
    }

    /** c6's one containment run, {@code minutes} after the case opened: isolate its host, disable its user. */
    private void run(UUID t, int minutes, String status, String isolate, String decidedBy, String disable)
            throws Exception {
        ObjectNode r = (ObjectNode) EventContracts.examples("case.playbook-run.changed").get(0).deepCopy();
        Instant at = openedAt(6).plusSeconds(minutes * 60L);
        r.put("id", runId.toString()).put("tenantId", t.toString()).put("caseId", cases[6].toString())
                .put("playbook", "credential-theft").put("status", status).put("startedAt", openedAt(6).toString());
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("position", 1).put("action", "isolate_host").put("target", "fin-ws-042.corp.example")
                .put("status", isolate).put("approval", "no pre-approval for a CRITICAL asset").put("attempts", 0)
                .put("decidedBy", decidedBy).put("finishedAt", isolate.equals("SUCCEEDED") ? at.toString() : null);
        steps.addObject().put("position", 2).put("action", "disable_account").put("target", "CORP\\jdoe")
                .put("status", disable).put("approval", "no pre-approval of disable_account").put("attempts", 0)
                // The run reaches step 2 (and its wait starts) once step 1 is done.
                .put("waitingSince", isolate.equals("SUCCEEDED") ? at.toString() : null);
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case.playbook-run.changed", 1, at, r.toString()));
    }

    private static Instant openedAt(int n) {
        return BASE.plus(Duration.ofHours(n - 1));
    }

    private void clock(UUID t, int n, String type, String family, String kind, String regime, int target, String state,
            int counted, int paused, boolean stopped) throws Exception {
        ObjectNode msg = (ObjectNode) EventContracts.examples("case.sla.breached").get(0).deepCopy();
        UUID caseId = n < 0 ? bCase : cases[n];
        Instant start = n < 0 ? BASE : openedAt(n);
        msg.put("caseId", caseId.toString()).put("caseNumber", n < 0 ? 1 : n).put("severity", n == 6 ? "CRITICAL" : "HIGH");
        ObjectNode k = (ObjectNode) msg.get("clock");
        k.put("id", UUID.nameUUIDFromBytes((caseId + kind).getBytes()).toString()).put("family", family).put("kind", kind)
                .put("regime", regime).put("targetMinutes", target).put("counting", "ALWAYS").put("state", state)
                .put("startedAt", start.toString()).put("dueAt", start.plusSeconds(target * 60L).toString())
                .put("countedMinutes", counted).put("pausedMinutes", paused)
                .put("stoppedAt", stopped ? start.plusSeconds((counted + paused) * 60L).toString() : null);
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), type, 1,
                start.plusSeconds(Math.max(counted, 1) * 60L), msg.toString()));
    }
    private void logSource(UUID t, UUID id, String type, String at, String name, String product, String health,
            String lastSeen, String silentSince) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.log-source.created").get(0).deepCopy())
                .put("id", id.toString()).put("tenantId", t.toString()).put("name", name).put("product", product)
                .put("health", health).put("lastSeenAt", lastSeen).put("silentSince", silentSince);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.log-source." + type, 1,
                Instant.parse(at), p.toString()));
    }
    private void counted(UUID t, UUID source, String day, long events) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.log-source.counted").get(0).deepCopy())
                .put("logSourceId", source.toString()).put("tenantId", t.toString()).put("day", day).put("events", events)
                .put("countedAt", day + "T23:55:00Z");
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.log-source.counted", 1,
                Instant.parse(day + "T23:55:00Z"), p.toString()));
    }

    private void coverage(UUID t, String at, int enabled) throws Exception {
        ObjectNode c = (ObjectNode) EventContracts.examples("detection.coverage.changed").get(0).deepCopy();
        c.put("tenantId", t.toString()).put("computedAt", at).put("enabledRules", enabled).put("reachableRules", 31);
        ArrayNode kinds = c.putArray("eventKinds");
        kinds.addObject().put("eventId", "1").put("channel", "microsoft-windows-sysmon/operational").put("lastSeen", at);
        kinds.addObject().put("eventId", "4624").put("channel", "security").put("lastSeen", at);
        ArrayNode techniques = c.putArray("techniques");
        techniques.addObject().put("id", "T1059.001").put("name", "Command and Scripting Interpreter: PowerShell")
                .put("reachableRules", 3).put("blindRules", 0).putArray("needs");
        techniques.addObject().put("id", "T1187").put("name", "Forced Authentication").put("reachableRules", 1)
                .put("blindRules", 0).putArray("needs");
        techniques.addObject().put("id", "T1003.001").put("name", "OS Credential Dumping: LSASS Memory")
                .put("reachableRules", 0).put("blindRules", 2).putArray("needs").add("windows/process_access");
        c.putArray("needs").addObject().put("logsource", "windows/process_access").put("rules", 2);
        publisher.publish("detection.events", new Envelope(t, UUID.randomUUID(), "detection.coverage.changed", 1,
                Instant.parse(at), c.toString()));
    }

    private void review(UUID t, int n, String at, List<ObjectNode> followUps) throws Exception {
        ObjectNode r = (ObjectNode) EventContracts.examples("case.review.changed").get(0).deepCopy();
        r.put("caseId", cases[n].toString()).put("tenantId", t.toString()).put("caseNumber", n)
                .put("rootCause", "A macro in a phishing mail").put("updatedAt", at).put("updatedBy", "tier3.analyst");
        ArrayNode items = r.putArray("followUps");
        followUps.forEach(items::add);
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case.review.changed", 1, Instant.parse(at),
                r.toString()));
    }

    private static ObjectNode followUp(int position, String kind, String title, String owner, String due, String status,
            String doneAt) {
        ObjectNode f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        f.put("id", UUID.nameUUIDFromBytes(("follow-up " + position).getBytes()).toString()).put("position", position)
                .put("kind", kind).put("title", title).put("owner", owner).put("dueDate", due).put("status", status)
                .put("doneAt", doneAt);
        return f;
    }
}
