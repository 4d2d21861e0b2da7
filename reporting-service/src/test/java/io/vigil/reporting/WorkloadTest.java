package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/**
 * The provider's load, from a known set of case messages for two clients in other time zones than the
 * provider's (UTC): per analyst and tier, per shift of the provider's day, and each client's nights and
 * weekends on its own calendar, each figure worked out by hand.
 */
@QuarkusTest
class WorkloadTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void theLoadIsCountedPerAnalystTierShiftAndClientCalendar() throws Exception {
        UUID tokyo = UUID.randomUUID();
        UUID chicago = UUID.randomUUID();
        tenant(tokyo, "Initech Tokyo", "Asia/Tokyo", "VIRTUAL");
        tenant(chicago, "Umbrella Chicago", "America/Chicago", "HYBRID");
        // Tokyo is UTC+9: Saturday noon (weekend), Tuesday 22:00 (night), Wednesday 10:00 and Thursday 09:00 (day).
        caseFile(tokyo, 1, "2026-10-10T03:00:00Z", "CRITICAL", "NEW", 1, "alice");
        caseFile(tokyo, 2, "2026-10-06T13:00:00Z", "HIGH", "CLOSED", 2, "alice");
        caseFile(tokyo, 3, "2026-10-07T01:00:00Z", "HIGH", "IN_PROGRESS", 3, "bob");
        caseFile(tokyo, 4, "2026-10-08T00:00:00Z", "LOW", "NEW", 1, null);
        // Chicago is UTC-5 in October: Monday 02:00 (night), Friday 21:00 (night); one case in November, outside.
        caseFile(chicago, 1, "2026-10-05T07:00:00Z", "CRITICAL", "RESOLVED", 2, "bob");
        caseFile(chicago, 2, "2026-10-10T02:00:00Z", "MEDIUM", "NEW", 1, "alice");
        caseFile(chicago, 3, "2026-11-02T15:00:00Z", "MEDIUM", "NEW", 1, "alice");

        Keycloak.tenantGroup(tokyo);
        Keycloak.tenantGroup(chicago);
        String manager = Keycloak.userToken(List.of("soc-manager"), List.of("/tenants/" + tokyo, "/tenants/" + chicago));
        JsonPath w = await(manager, 6);
        assertEquals(java.util.Arrays.asList("alice", "bob", null), w.getList("analysts.assignee"), "most cases first, unassigned last");
        assertEquals(List.of(3, 2, 1, 1, 2, 1, 0), analyst(w, 0), "alice: cases, open, closed, critical, tiers 1-3");
        assertEquals(List.of(2, 1, 0, 1, 0, 1, 1), analyst(w, 1), "bob: one resolved, one in progress");
        assertEquals(List.of(1, 2, 3), w.getList("tiers.tier"));
        assertEquals(List.of(3, 2, 1), w.getList("tiers.cases"));
        assertEquals(List.of(3, 0, 1), w.getList("tiers.open"), "tier 2 holds the closed and the resolved case");
        // UTC shifts: night 00-08 has 03:00, 01:00, 00:00, 07:00 and 02:00; day 08-16 has 13:00; evening none.
        assertEquals(List.of("night", "day", "evening"), w.getList("shifts.name"));
        assertEquals(List.of(5, 1, 0), w.getList("shifts.cases"));
        assertEquals(List.of(2, 0, 0), w.getList("shifts.critical"));
        // Tokyo: a night and a weekend of four; Chicago: both cases at night. As many off hours: by name.
        assertEquals(List.of("Initech Tokyo", "Umbrella Chicago"), w.getList("clients.name"));
        Map<String, Object> c = w.getMap("clients[1]");
        assertEquals(List.of(2, 2, 0, 1.0f), List.of(c.get("cases"), c.get("nights"), c.get("weekends"), c.get("offHoursShare")));
        Map<String, Object> t = w.getMap("clients[0]");
        assertEquals(List.of(4, 1, 1, 0.5f), List.of(t.get("cases"), t.get("nights"), t.get("weekends"), t.get("offHoursShare")));

        // Staff see only the tenants they serve; a client's own people do not see the provider's load.
        String tokyoOnly = Keycloak.userToken(List.of("soc-tier2"), List.of("/tenants/" + tokyo));
        given().auth().oauth2(tokyoOnly).queryParam("month", "2026-10").get("/api/v1/reports/workload").then()
                .statusCode(200).body("clients.name", org.hamcrest.Matchers.contains("Initech Tokyo"))
                .body("analysts.assignee", org.hamcrest.Matchers.contains("alice", "bob", null));
        given().auth().oauth2(Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + tokyo)))
                .get("/api/v1/reports/workload").then().statusCode(403);
        given().auth().oauth2(Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + tokyo)))
                .get("/api/v1/reports/workload").then().statusCode(403);
    }

    private static List<Object> analyst(JsonPath w, int i) {
        Map<String, Object> a = w.getMap("analysts[" + i + "]");
        return List.of(a.get("cases"), a.get("open"), a.get("closed"), a.get("critical"), a.get("tier1"), a.get("tier2"),
                a.get("tier3"));
    }

    private static JsonPath await(String token, int cases) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonPath w = null;
        while (Instant.now().isBefore(deadline)) {
            w = given().auth().oauth2(token).queryParam("month", "2026-10").get("/api/v1/reports/workload").then()
                    .statusCode(200).extract().jsonPath();
            List<Integer> perClient = w.getList("clients.cases");
            if (perClient.stream().mapToInt(Integer::intValue).sum() == cases && perClient.size() == 2) {
                return w;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the read model did not catch up: " + (w == null ? null : w.prettify()));
    }

    private void tenant(UUID t, String name, String zone, String model) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.created").get(0).deepCopy()).put("id", t.toString())
                .put("name", name).put("slug", "w-" + t.toString().substring(0, 8)).put("timeZone", zone)
                .put("socModel", model);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.created", 1,
                Instant.parse("2026-09-01T00:00:00Z"), p.toString()));
    }

    private void caseFile(UUID t, int number, String opened, String severity, String status, int tier, String assignee)
            throws Exception {
        ObjectNode msg = (ObjectNode) EventContracts.examples("case.created").get(0).deepCopy();
        ObjectNode f = (ObjectNode) msg.get("caseFile");
        f.put("id", UUID.randomUUID().toString()).put("tenantId", t.toString()).put("number", number)
                .put("title", "case " + number).put("severity", severity).put("status", status).put("tier", tier)
                .put("assignee", assignee).put("createdTimeUtc", opened).put("firstActivityTimeUtc", opened)
                .put("lastActivityTimeUtc", opened);
        msg.putObject("change").put("by", "tier1.analyst").put("at", opened).putArray("fields");
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case.created", 1, Instant.parse(opened),
                msg.toString()));
    }
}
