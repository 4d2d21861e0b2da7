package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checklists: a credential-dumping template on the cases it fits, once; tasks done by hand; never across tenants. */
@QuarkusTest
class CaseTaskTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void aTemplateChosenByTechniqueGivesTheCaseItsChecklistOnceAndAnalystsWorkIt() throws Exception {
        UUID t = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String engineer = CaseSlaTest.token("soc-tier3", t);
        String name = "credential-dumping-" + t.toString().substring(0, 8);
        // The tenant's own template (a provider-wide one would reach every test's cases in this shared database).
        Map<String, Object> template = Map.of("tenantId", t.toString(), "technique", "T1003", "tasks", List.of(
                Map.of("title", "Reset the credentials of every account logged on the host"),
                Map.of("title", "Look for LSASS access by other processes", "description", "Sysmon event 10"),
                Map.of("title", "Check for lateral movement with the dumped accounts")));
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("tasks", List.of(Map.of("title", "x"))))
                .put("/api/v1/task-templates/" + name).then().statusCode(422);
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(template)
                .put("/api/v1/task-templates/" + name).then().statusCode(200).body("tasks.size()", equalTo(3));
        // Another client's own template never reaches this client's cases.
        String foreign = "other-" + other.toString().substring(0, 8);
        given().auth().oauth2(CaseSlaTest.token("soc-tier3", other)).contentType(ContentType.JSON)
                .body(Map.of("tenantId", other.toString(), "technique", "T1003", "tasks", List.of(Map.of("title", "theirs"))))
                .put("/api/v1/task-templates/" + foreign).then().statusCode(200);
        given().auth().oauth2(engineer).get("/api/v1/task-templates").then().statusCode(200)
                .body("items.name", hasItem(name)).body("items.name", not(hasItem(foreign)));

        publisher.publish("alerts", alert(t, "lsass-rule", "dc-01", "T1003.001"));
        String analyst = CaseSlaTest.token("soc-tier2", t);
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        publisher.publish("alerts", alert(t, "lsass-rule", "dc-01", "T1003.001")); // joins: no second checklist
        CaseSlaTest.awaitCases(analyst, t, 1);
        Thread.sleep(1000);
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id).then().body("alertCount", equalTo(2));
        var tasks = given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/tasks").then().statusCode(200)
                .body("items.findAll { it.template == '" + name + "' }.size()", equalTo(3))
                .body("items.template", not(hasItem(foreign))).extract().jsonPath();

        // Worked by hand: one done, one added; both on the timeline.
        String first = tasks.getString("items.find { it.template == '" + name + "' }.id");
        int count = tasks.getList("items").size();
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("status", "DONE", "assignee", "me"))
                .patch("/api/v1/cases/" + id + "/tasks/" + first).then().statusCode(200)
                .body("status", equalTo("DONE")).body("doneBy", notNullValue()).body("doneAt", notNullValue());
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("assignee", "nobody-" + UUID.randomUUID()))
                .patch("/api/v1/cases/" + id + "/tasks/" + first).then().statusCode(422);
        given().auth().oauth2(CaseSlaTest.token("customer-viewer", t)).contentType(ContentType.JSON)
                .body(Map.of("title", "a viewer's task")).post("/api/v1/cases/" + id + "/tasks").then().statusCode(403);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("title", "Image the DC's memory"))
                .post("/api/v1/cases/" + id + "/tasks").then().statusCode(201).body("position", equalTo(count + 1))
                .body("template", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?kind=action").then().statusCode(200)
                .body("items.summary.findAll { it.startsWith('case.tasks-added') && it.contains('" + name + "') }.size()", equalTo(1))
                .body("items.summary.findAll { it.startsWith('case.task-') }.size()", equalTo(2));

        String outsider = CaseSlaTest.token("soc-tier2", other);
        given().auth().oauth2(outsider).get("/api/v1/cases/" + id + "/tasks").then().statusCode(404);
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of("status", "SKIPPED"))
                .patch("/api/v1/cases/" + id + "/tasks/" + first).then().statusCode(404);
    }

    private static Envelope alert(UUID tenant, String rule, String host, String technique) {
        return CaseTriageTest.alert(tenant, rule, host, "HIGH", "high", null, p -> p.putArray("techniques").addObject()
                .put("id", technique).put("name", "LSASS Memory").putArray("tactics").add("credential-access"));
    }
}
