package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.cases.sla.service.SlaWatch;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shift change: the schedule says who is on, the handover shows each client's open work, SLA at risk and
 * regulators waiting, only for the clients the reader serves; it is stored with the leaving shift's notes and
 * acknowledged once by the next shift.
 */
@QuarkusTest
class CaseHandoverTest {

    @Inject
    StreamPublisher publisher;
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
    void theNextShiftSeesEachOfItsClientsOpenWorkAndAcknowledgesTheHandoverOnce() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        tenant(a, "Acme Retail", List.of());
        tenant(b, "Borealis Bank", List.of("GDPR"));
        CaseSlaTest.awaitFacts(b, "select count(*) from cases.tenant_profiles where tenant_id = '" + b
                + "' and array_length(regimes, 1) = 1", 1);
        CaseSlaTest.awaitFacts(a, "select count(*) from cases.tenant_profiles where tenant_id = '" + a + "'", 1);
        String manager = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(a), Keycloak.tenantGroup(b)));
        String nightAnalyst = Keycloak.userToken(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(a)));

        Instant t0 = Instant.parse("2026-11-20T21:00:00Z");
        clock.set(t0);
        publisher.publish("alerts", CaseTriageTest.alert(a, UUID.randomUUID().toString(), "acme-db-01", "HIGH", "high", "high"));
        publisher.publish("alerts", CaseTriageTest.alert(a, UUID.randomUUID().toString(), "acme-ws-07", "LOW", "low", null));
        publisher.publish("alerts", CaseTriageTest.alert(b, UUID.randomUUID().toString(), "bor-core-1", "CRITICAL", "critical", "critical"));
        List<Map<String, Object>> acme = CaseSlaTest.awaitCases(manager, a, 2);
        String atRisk = (String) acme.stream().filter(c -> c.get("severity").equals("HIGH")).findFirst().orElseThrow().get("id");
        String breach = (String) CaseSlaTest.awaitCase(manager, b).get("id");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("regime", "GDPR", "awareAt", t0.toString()))
                .post("/api/v1/cases/" + breach + "/reportable").then().statusCode(200);
        watch.watchNow(t0.plusSeconds(25 * 60)); // past 75% of the high case's 30 minutes to acknowledge

        // The schedule: a night shift from 22:00 to 06:00 Madrid time, every day.
        Map<String, Object> night = Map.of("timeZone", "Europe/Madrid", "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), "startsAt", "22:00", "endsAt", "06:00",
                "members", List.of("night.tier1", "night.tier2"));
        String shift = "night-" + a.toString().substring(0, 8);
        given().auth().oauth2(nightAnalyst).contentType(ContentType.JSON).body(night).put("/api/v1/shifts/" + shift)
                .then().statusCode(403);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("timeZone", "Mars/Olympus", "days",
                List.of("MONDAY"), "startsAt", "22:00", "endsAt", "06:00")).put("/api/v1/shifts/" + shift).then()
                .statusCode(422).body("errors[0].field", equalTo("timeZone"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(night).put("/api/v1/shifts/" + shift).then()
                .statusCode(200).body("members", equalTo(List.of("night.tier1", "night.tier2")));
        given().auth().oauth2(nightAnalyst).queryParam("at", "2026-11-23T01:30:00Z").get("/api/v1/shifts").then()
                .statusCode(200).body("items.find { it.name == '" + shift + "' }.onDuty", equalTo(true));
        given().auth().oauth2(nightAnalyst).queryParam("at", "2026-11-23T11:00:00Z").get("/api/v1/shifts").then()
                .statusCode(200).body("items.find { it.name == '" + shift + "' }.onDuty", equalTo(false));

        // A shift that covers only another client's tenants is that client's staff's alone: unseen, its name taken.
        UUID c = UUID.randomUUID();
        String theirs = "day-" + c.toString().substring(0, 8);
        given().auth().oauth2(CaseSlaTest.token("soc-manager", c)).contentType(ContentType.JSON).body(Map.of("timeZone",
                "Europe/Madrid", "days", List.of("MONDAY"), "startsAt", "09:00", "endsAt", "17:00", "tenantIds", List.of(c.toString())))
                .put("/api/v1/shifts/" + theirs).then().statusCode(200).body("tenantIds", equalTo(List.of(c.toString())));
        given().auth().oauth2(manager).get("/api/v1/shifts").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(theirs)));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(night).put("/api/v1/shifts/" + theirs).then()
                .statusCode(409);
        given().auth().oauth2(manager).queryParam("shift", theirs).get("/api/v1/handover").then().statusCode(404);

        // The manager serving both clients sees both; the high case at risk, the GDPR clock running.
        JsonPath live = given().auth().oauth2(manager).queryParam("shift", shift).get("/api/v1/handover").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(a.toString(), b.toString()).stream().sorted().toList(),
                live.getList("tenants.tenantId").stream().map(Object::toString).sorted().toList());
        String acmeAt = "tenants.find { it.tenantId == '" + a + "' }";
        String borAt = "tenants.find { it.tenantId == '" + b + "' }";
        assertEquals("Acme Retail", live.getString(acmeAt + ".tenantName"));
        assertEquals(2, live.getInt(acmeAt + ".openCases"));
        assertEquals(Map.of("HIGH", 1, "LOW", 1), live.getMap(acmeAt + ".openBySeverity"));
        assertEquals(2, live.getInt(acmeAt + ".unassigned"));
        assertEquals(List.of(atRisk), live.getList(acmeAt + ".slaAtRisk.caseId"));
        assertEquals(List.of("GDPR"), live.getList(borAt + ".regulatoryRunning.regime"));
        assertEquals(breach, live.getString(borAt + ".regulatoryRunning[0].caseId"));

        // Handed over with the leaving shift's notes; the night analyst reads only the client they serve.
        String id = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("shift", shift, "notes", "Acme's db server is at risk; Borealis owes the DPA a notification"))
                .post("/api/v1/handovers").then().statusCode(201).header("Location", containsString("/api/v1/handovers/"))
                .extract().path("id");
        given().auth().oauth2(nightAnalyst).get("/api/v1/handovers/" + id).then().statusCode(200)
                .body("tenants.tenantId", equalTo(List.of(a.toString())))
                .body("notes", containsString("db server"));
        given().auth().oauth2(nightAnalyst).queryParam("shift", shift).get("/api/v1/handover").then().statusCode(200)
                .body("tenants.tenantId", equalTo(List.of(a.toString()))).body("previous.id", equalTo(id));
        given().auth().oauth2(manager).post("/api/v1/handovers/" + id + "/acknowledge").then().statusCode(409)
                .body("detail", containsString("next shift"));
        given().auth().oauth2(nightAnalyst).post("/api/v1/handovers/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedAt", equalTo(clock.instant().toString()));
        given().auth().oauth2(nightAnalyst).post("/api/v1/handovers/" + id + "/acknowledge").then().statusCode(409);
        given().auth().oauth2(manager).queryParam("shift", shift).get("/api/v1/handovers").then().statusCode(200)
                .body("items[0].id", equalTo(id)).body("items[0].acknowledgedBy", org.hamcrest.Matchers.notNullValue());

        // The client's own people have no part in the provider's shift change.
        String client = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(client).queryParam("shift", shift).get("/api/v1/handover").then().statusCode(403);
        given().auth().oauth2(client).get("/api/v1/handovers/" + id).then().statusCode(403);
    }

    private void tenant(UUID t, String name, List<String> regimes) throws Exception {
        CaseSlaTest.tenant(publisher, mapper, t, name, "Europe/Madrid", "MANAGED", regimes);
    }
}
