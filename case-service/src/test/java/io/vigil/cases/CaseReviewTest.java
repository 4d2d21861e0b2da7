package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Post-incident reviews: only for true positives of high or critical severity; root cause, what worked and what
 * did not, follow-ups with owners and due dates; the detection and playbook follow-ups go to detection (rule.follow-up
 * on alert-verdicts, schema-checked as published) so that they stand beside the rule's verdict counts.
 */
@QuarkusTest
class CaseReviewTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    @Test
    void aTruePositiveHighCaseGetsAReviewWhoseDetectionFollowUpsReachDetection() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        String rule = UUID.randomUUID().toString();
        publisher.publish("alerts", CaseTriageTest.alert(t, rule, "fin-ws-01", "HIGH", "high", "high"));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");

        Map<String, Object> review = Map.of("rootCause", "A phishing mail with a macro document; macros were allowed",
                "whatWorked", "The rule fired within a minute; the host was isolated at once",
                "whatDidNot", "The client's admin took 40 minutes to approve the account's suspension",
                "followUps", List.of(
                        Map.of("kind", "DETECTION_UPDATE", "title", "Also match the macro's child process under rundll32",
                                "owner", "detection-engineering", "dueDate", "2099-01-15"),
                        Map.of("kind", "PLAYBOOK_UPDATE", "title", "Pre-approve disable_account for workstations",
                                "owner", "client-it", "dueDate", "2099-01-31", "playbook", "credential-theft"),
                        Map.of("kind", "PROCESS", "title", "Block macros from the internet by policy",
                                "owner", "client-it", "dueDate", "2020-01-01")));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(review).put("/api/v1/cases/" + id + "/review")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("not classified yet"));

        long since = System.currentTimeMillis();
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "macro dropper confirmed", "rootCause", "phishing")).post("/api/v1/cases/" + id + "/close")
                .then().statusCode(200);

        Map<String, Object> incomplete = new java.util.HashMap<>(review);
        incomplete.put("followUps", List.of(Map.of("kind", "PLAYBOOK_UPDATE", "title", "x", "owner", "y", "dueDate", "2099-01-01")));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(incomplete).put("/api/v1/cases/" + id + "/review")
                .then().statusCode(422).body("errors[0].field", equalTo("followUps[0].playbook"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("whatWorked", "no root cause"))
                .put("/api/v1/cases/" + id + "/review").then().statusCode(422);
        given().auth().oauth2(CaseSlaTest.token("customer-viewer", t)).contentType(ContentType.JSON).body(review)
                .put("/api/v1/cases/" + id + "/review").then().statusCode(403);

        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(review).put("/api/v1/cases/" + id + "/review")
                .then().statusCode(200)
                .body("rootCause", containsString("phishing mail"))
                .body("followUps.size()", equalTo(3))
                .body("followUps[0].ruleId", equalTo(rule), "followUps[0].status", equalTo("OPEN"))
                .body("followUps[2].overdue", equalTo(true), "followUps[0].overdue", equalTo(false))
                .body("timelineSummary", hasItem(containsString("first activity: 1 alert(s) of rule " + rule + " on fin-ws-01")))
                .body("timelineSummary", hasItem(containsString("closed as TRUE_POSITIVE (macro dropper confirmed)")));

        List<JsonNode> sent = awaitFollowUps(since, id, 2);
        assertEquals(List.of("DETECTION_UPDATE", "PLAYBOOK_UPDATE"), sent.stream().map(m -> m.path("kind").asText()).toList(),
                "only detection and playbook follow-ups go to detection");
        assertEquals(rule, sent.get(0).path("ruleId").asText(), "the case's rule, the review named none");

        // Done, and the process follow-up dropped from the review: detection hears of the first, not of the third.
        Map<String, Object> done = new java.util.HashMap<>(review);
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(new java.util.HashMap<>(Map.of("kind", "DETECTION_UPDATE", "title", "Also match the macro's child process under rundll32",
                "owner", "detection-engineering", "dueDate", "2099-01-15", "status", "DONE")));
        items.add(Map.of("kind", "PLAYBOOK_UPDATE", "title", "Pre-approve disable_account for workstations",
                "owner", "client-it", "dueDate", "2099-01-31", "playbook", "credential-theft"));
        done.put("followUps", items);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(done).put("/api/v1/cases/" + id + "/review")
                .then().statusCode(200).body("followUps.size()", equalTo(2)).body("followUps[0].status", equalTo("DONE"))
                .body("followUps[0].doneAt", org.hamcrest.Matchers.notNullValue());
        List<JsonNode> after = awaitFollowUps(since, id, 3);
        assertEquals("DONE", after.get(2).path("status").asText());
        assertEquals(after.get(0).path("followUpId").asText(), after.get(2).path("followUpId").asText());

        // Each version of the review reaches reporting on case.events, valid against its published schema.
        List<JsonNode> reviews = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (reviews.size() < 2 && Instant.now().isBefore(deadline)) {
            reviews.clear();
            for (var m : redis.stream(String.class, String.class, String.class).xrange("case.events",
                    StreamRange.of(since + "-0", "+"))) {
                if ("case.review.changed".equals(m.payload().get("type"))) {
                    assertEquals(List.of(), io.vigil.platform.testing.EventContracts.violations("case.review.changed", 1,
                            m.payload().get("payload")));
                    JsonNode p = mapper.readTree(m.payload().get("payload"));
                    if (id.equals(p.path("caseId").asText())) {
                        reviews.add(p);
                    }
                }
            }
            Thread.sleep(100);
        }
        assertEquals(2, reviews.size(), "the review written, then changed");
        assertEquals(List.of("OPEN", "OPEN", "OPEN"), reviews.get(0).findValuesAsText("status"));
        assertEquals(List.of("DONE", "OPEN"), reviews.get(1).findValuesAsText("status"));
        assertTrue(reviews.get(1).path("rootCause").asText().startsWith("A phishing mail"));
        assertEquals(subject(analyst), reviews.get(1).path("updatedBy").asText());

        given().auth().oauth2(analyst).get("/api/v1/follow-ups?owner=client-it").then().statusCode(200)
                .body("items.title", equalTo(List.of("Pre-approve disable_account for workstations")));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?limit=200").then().statusCode(200)
                .body("items.summary", hasItem(containsString("case.review.written")))
                .body("items.summary", hasItem(containsString("case.review.updated")));
        given().auth().oauth2(CaseSlaTest.token("soc-tier2", UUID.randomUUID())).get("/api/v1/cases/" + id + "/review")
                .then().statusCode(404);
    }

    @Test
    void aMediumCaseOrAFalsePositiveHasNoReview() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "web-2", "MEDIUM", "medium", null));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("classification", "TRUE_POSITIVE",
                "classificationReason", "real but minor")).post("/api/v1/cases/" + id + "/close").then().statusCode(200);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("rootCause", "x"))
                .put("/api/v1/cases/" + id + "/review").then().statusCode(409)
                .body("detail", containsString("this one is MEDIUM, classified TRUE_POSITIVE"));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/review").then().statusCode(404)
                .body("detail", containsString("high or critical severity"));
    }

    private List<JsonNode> awaitFollowUps(long since, String caseId, int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<JsonNode> found = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            found.clear();
            for (var m : redis.stream(String.class, String.class, String.class).xrange("alert-verdicts",
                    StreamRange.of(since + "-0", "+"))) {
                if ("rule.follow-up".equals(m.payload().get("type"))) {
                    JsonNode p = mapper.readTree(m.payload().get("payload"));
                    if (caseId.equals(p.path("caseId").asText())) {
                        found.add(p);
                    }
                }
            }
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + n + " rule.follow-up messages of case " + caseId + ", saw " + found);
    }

    private static String subject(String token) {
        String json = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return json.replaceAll(".*\"preferred_username\":\"([^\"]+)\".*", "$1");
    }
}
