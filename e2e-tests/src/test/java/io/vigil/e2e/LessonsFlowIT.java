package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.Stack.GATEWAY;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recovery and lessons learned across the running stack, through the gateway: a scan import shows a
 * known-exploited CVE on the attacked workstation, the case raised by real telemetry says so in its priority,
 * its patch task closes when the rescan no longer finds the CVE, the client is told (recorded), and the
 * post-incident review's detection follow-up stands beside the rule's verdict counts in detection-service.
 */
class LessonsFlowIT {

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    @Test
    void fromAKnownExploitedCveToTheReviewsFollowUpBesideTheRulesVerdicts() throws Exception {
        Stack.Client client = Stack.onboard("Lessons Flow Client");
        String provider = Stack.providerAdmin();
        String group = "/tenants/" + client.id();
        String tier2 = Keycloak.userToken(List.of("soc-tier2"), List.of(group));
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of(group));
        String asset = given().auth().oauth2(provider).contentType(ContentType.JSON)
                .body(Map.of("tenantId", client.id(), "hostname", "swachchhanda", "criticality", "CRITICAL"))
                .post(GATEWAY + "/api/v1/assets").then().statusCode(201).extract().path("id");

        // The client's scanner: CVE-2017-11882 (Office, on CISA's KEV catalog) open on the workstation.
        given().auth().oauth2(provider).contentType("text/csv")
                .body("host,cve,cvss,last_seen\nswachchhanda,CVE-2017-11882,7.8,2026-11-30\nswachchhanda,CVE-2018-8420,8.1,2026-11-30\n")
                .post(GATEWAY + "/api/v1/vulnerabilities/import?tenantId=" + client.id()).then().statusCode(200)
                .body("matchedHosts", equalTo(1), "assets[0].knownExploitedCves", equalTo(List.of("CVE-2017-11882")));

        Stack.loadRule();
        Stack.send(client.key(), List.of(Stack.labelledEvents().get(0)), 1);
        String caseId = await("a case whose priority names the exposure", () -> given().auth().oauth2(tier2)
                .queryParam("tenantId", client.id()).get(GATEWAY + "/api/v1/cases").jsonPath(),
                j -> !j.getList("items").isEmpty() && String.valueOf(j.getString("items[0].priorityFactors.find { it.factor == 'exposure' }.value"))
                        .contains("CVE-2017-11882")).getString("items[0].id");
        given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId).then()
                .body("priorityFactors.find { it.factor == 'exposure' }.value", containsString("Known Exploited"));

        // Patch task, closed by the rescan that no longer finds the CVE.
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of()).post(GATEWAY + "/api/v1/cases/" + caseId
                + "/tasks/patches").then().statusCode(201).body("cve", equalTo(List.of("CVE-2017-11882")));
        given().auth().oauth2(provider).contentType("text/csv").body("host,cve,cvss,last_seen\nswachchhanda,CVE-2018-8420,8.1,2026-12-05\n")
                .post(GATEWAY + "/api/v1/vulnerabilities/import?tenantId=" + client.id() + "&format=csv").then().statusCode(200)
                .body("fixed", equalTo(1));
        await("the patch task closed by the rescan", () -> given().auth().oauth2(tier2)
                .get(GATEWAY + "/api/v1/cases/" + caseId + "/tasks").jsonPath(),
                j -> "DONE".equals(j.getString("items.find { it.kind == 'PATCH' }.status")));
        given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/vulnerabilities?assetId=" + asset + "&status=FIXED").then()
                .statusCode(200).body("items.cves.flatten()", hasItem("CVE-2017-11882"));

        // The client is told; recovery watch; closed as a true positive of high severity; the review.
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("audience", "CLIENT_IT", "recipient",
                "it@client.example", "channel", "EMAIL", "note", "Patch Office on swachchhanda"))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/communications").then().statusCode(201)
                .body("subject", containsString("[Lessons Flow Client]"));
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("watchDays", 14))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/tasks/recovery").then().statusCode(200)
                .body("watched", hasItem("host|swachchhanda"));
        String severity = given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId).path("severity");
        if (!List.of("HIGH", "CRITICAL").contains(severity)) {
            given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("severity", "HIGH",
                    "severityReason", "exploited on a critical asset")).patch(GATEWAY + "/api/v1/cases/" + caseId)
                    .then().statusCode(200);
        }
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "exploit confirmed")).post(GATEWAY + "/api/v1/cases/" + caseId + "/close")
                .then().statusCode(200);
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("rootCause", "Office left unpatched for years",
                "followUps", List.of(Map.of("kind", "DETECTION_UPDATE", "title", "Also catch the exploit's child under a renamed binary",
                        "owner", "detection-engineering", "dueDate", "2099-01-15"))))
                .put(GATEWAY + "/api/v1/cases/" + caseId + "/review").then().statusCode(200)
                .body("followUps[0].ruleId", equalTo(ThinSliceIT.RULE_ID));

        // Beside the rule's verdict counts, in detection-service.
        JsonPath verdicts = await("the follow-up beside the rule's verdicts", () -> given().auth().oauth2(engineer)
                .get(GATEWAY + "/api/v1/tenants/" + client.id() + "/rule-verdicts").jsonPath(),
                j -> j.getList("items").size() == 1 && j.getInt("items[0].truePositives") >= 1
                        && j.getList("items[0].openFollowUps").size() == 1);
        org.junit.jupiter.api.Assertions.assertEquals("Also catch the exploit's child under a renamed binary",
                verdicts.getString("items[0].openFollowUps[0].title"));
        org.junit.jupiter.api.Assertions.assertEquals(ThinSliceIT.RULE_ID, verdicts.getString("items[0].ruleId"));
    }

    private static JsonPath await(String what, java.util.function.Supplier<JsonPath> read, Predicate<JsonPath> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("never saw " + what + ": " + (last == null ? null : last.prettify()));
    }
}
