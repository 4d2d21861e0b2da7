package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recovery: restore and validate tasks per host and a watch on the case's observables; a sighting within the
 * watch reopens the closed case (whatever rule sees it), and without a watch a new case opens as before.
 */
@QuarkusTest
class CaseRecoveryTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void aSightingOfAWatchedHostReopensTheClosedCase() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, "rule-dropper-" + t, "HR-WS-9", "HIGH", "high", null));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        awaitObservables(analyst, id);

        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("watchDays", 0))
                .post("/api/v1/cases/" + id + "/tasks/recovery").then().statusCode(422);
        Instant before = Instant.now();
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("watchDays", 7))
                .post("/api/v1/cases/" + id + "/tasks/recovery").then().statusCode(200)
                .body("watched", hasItem("host|hr-ws-9"))
                .body("tasks.title", equalTo(List.of("Restore hr-ws-9 to a known-good state", "Validate hr-ws-9",
                        "Monitor for recurrence until " + before.plus(Duration.ofDays(7)).toString().substring(0, 10))))
                .body("tasks.kind", equalTo(List.of("RECOVERY", "RECOVERY", "RECOVERY")));
        // Again: no second set of tasks.
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("watchDays", 7))
                .post("/api/v1/cases/" + id + "/tasks/recovery").then().statusCode(200).body("tasks.size()", equalTo(3));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "dropper removed")).post("/api/v1/cases/" + id + "/close").then().statusCode(200);

        // Another rule sees the host again: the watched case reopens and takes the alert; no new case.
        publisher.publish("alerts", CaseTriageTest.alert(t, "rule-beacon-" + t, "hr-ws-9", "MEDIUM", "medium", null));
        awaitStatus(analyst, id, "IN_PROGRESS");
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id).then().body("alertCount", equalTo(2))
                .body("classification", org.hamcrest.Matchers.nullValue());
        assertEquals(1, CaseSlaTest.awaitCases(analyst, t, 1).size(), "the sighting opened no new case");
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?limit=200").then().statusCode(200)
                .body("items.summary", hasItem(containsString("case.recovery.started")))
                .body("items.summary", hasItem(containsString("recurrence: host|hr-ws-9 seen again by rule rule-beacon-" + t)));
    }

    @Test
    void withoutAWatchANewSightingOpensANewCase() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, "rule-a-" + t, "db-3", "HIGH", "high", null));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "done")).post("/api/v1/cases/" + id + "/close").then().statusCode(200);
        publisher.publish("alerts", CaseTriageTest.alert(t, "rule-b-" + t, "db-3", "HIGH", "high", null));
        CaseSlaTest.awaitCases(analyst, t, 2);
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id).then().body("status", equalTo("CLOSED"));
        given().auth().oauth2(CaseSlaTest.token("soc-tier2", UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of()).post("/api/v1/cases/" + id + "/tasks/recovery").then().statusCode(404);
    }

    private static void awaitStatus(String token, String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = given().auth().oauth2(token).get("/api/v1/cases/" + id).path("status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("case " + id + " stayed " + seen + ", expected " + status);
    }

    private static void awaitObservables(String token, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Object> items = given().auth().oauth2(token).get("/api/v1/cases/" + id + "/observables").jsonPath().getList("items");
            if (items != null && !items.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("case " + id + " has no observables");
    }
}
