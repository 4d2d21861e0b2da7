package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Grouping set per tenant and per rule: by shared entities across rules, or each alert its own case. */
@QuarkusTest
class CaseGroupingTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void aTenantGroupsByTheEntitiesItChoosesAndARuleMayKeepEachAlertApart() throws Exception {
        UUID t = UUID.randomUUID();
        String engineer = CaseSlaTest.token("soc-tier3", t);
        String base = "/api/v1/tenants/" + t + "/case-grouping/";
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("matching", "ENTITIES",
                "lookbackMinutes", 60)).put(base + "default").then().statusCode(422).body("errors[0].field", equalTo("entities"));
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("matching", "ENTITIES",
                "entities", List.of("badge"), "lookbackMinutes", 60)).put(base + "default").then().statusCode(422);
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("matching", "ENTITIES",
                "entities", List.of("user"), "acrossRules", true, "lookbackMinutes", 60)).put(base + "default").then()
                .statusCode(200).body("ruleId", equalTo("*"));
        String noisy = "noisy-" + UUID.randomUUID();
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("matching", "NONE", "lookbackMinutes", 60))
                .put(base + noisy).then().statusCode(200);
        given().auth().oauth2(CaseSlaTest.token("customer-admin", t)).get(base).then().statusCode(200)
                .body("items.ruleId", equalTo(List.of("*", noisy)));
        given().auth().oauth2(CaseSlaTest.token("customer-admin", t)).contentType(ContentType.JSON)
                .body(Map.of("matching", "RULE", "lookbackMinutes", 60)).put(base + "default").then().statusCode(403);
        given().auth().oauth2(CaseSlaTest.token("soc-manager", UUID.randomUUID())).get(base).then().statusCode(404);

        // Two rules, two hosts, one user: one case. The noisy rule's two alerts: two cases.
        publisher.publish("alerts", alert(t, "rule-a", "ws-1", "CORP\\alice"));
        publisher.publish("alerts", alert(t, "rule-b", "srv-9", "corp\\ALICE"));
        publisher.publish("alerts", alert(t, noisy, "ws-1", "CORP\\bob"));
        publisher.publish("alerts", alert(t, noisy, "ws-1", "CORP\\bob"));
        String analyst = CaseSlaTest.token("soc-tier1", t);
        List<Map<String, Object>> cases = CaseSlaTest.awaitCases(analyst, t, 3);
        Thread.sleep(500); // any alert still on its way
        cases = given().auth().oauth2(analyst).queryParam("tenantId", t.toString()).get("/api/v1/cases").jsonPath()
                .getList("items");
        assertEquals(3, cases.size(), cases.toString());
        assertEquals(List.of(1, 1, 2), cases.stream().map(c -> (Integer) c.get("alertCount")).sorted().toList());

        // The settings are changes like any other: in the tenant's audit chain, which still verifies.
        given().auth().oauth2(engineer).delete(base + noisy).then().statusCode(204);
        given().auth().oauth2(engineer).delete(base + noisy).then().statusCode(404);
        given().auth().oauth2(CaseSlaTest.token("soc-manager", t)).queryParam("tenantId", t.toString())
                .get("/api/v1/cases/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static Envelope alert(UUID tenant, String rule, String host, String user) {
        return CaseTriageTest.alert(tenant, rule, host, "MEDIUM", "medium", null,
                p -> ((ObjectNode) p.get("entities")).put("user", user));
    }
}
