package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A client that lost the answer retries with the same Idempotency-Key and creates nothing twice. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndAnotherRequestWithItIsRefused() throws Exception {
        UUID t = UUID.randomUUID();
        String analyst = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "idem-1", "HIGH", "high", null));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        String key = UUID.randomUUID().toString();
        Map<String, Object> note = Map.of("body", "isolated the host", "visibility", "SHARED");
        Response first = comment(analyst, id, key, note);
        first.then().statusCode(201);
        Response again = comment(analyst, id, key, note);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(1));
        comment(analyst, id, key, Map.of("body", "something else")).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));

        // A key is its caller's own: a colleague's same key is a request of theirs.
        String colleague = CaseSlaTest.token("soc-tier2", t);
        comment(colleague, id, key, note).then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        // A create the service refuses leaves the key free for the corrected request.
        String client = CaseSlaTest.token("customer-analyst", t);
        String other = UUID.randomUUID().toString();
        comment(client, id, other, Map.of("body", "x", "visibility", "INTERNAL")).then().statusCode(403);
        comment(client, id, other, Map.of("body", "fixed", "visibility", "SHARED")).then().statusCode(201);
        List<String> bodies = given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/comments").then()
                .extract().path("items.body");
        assertEquals(List.of("isolated the host", "isolated the host", "fixed"), bodies);

        // Evidence uploads too: the same file with the same key is stored once.
        byte[] file = "4688 process created".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String ek = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(analyst).contentType("text/plain").header("Idempotency-Key", ek).queryParam("name", "4688.log")
                    .body(file).post("/api/v1/cases/" + id + "/evidence").then().statusCode(201);
        }
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/evidence").then().body("items.size()", equalTo(1));
        // Someone who does not see the case gets nothing back for its key.
        given().auth().oauth2(CaseSlaTest.token("soc-tier2", UUID.randomUUID())).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(note).post("/api/v1/cases/" + id + "/comments").then().statusCode(404);
    }

    private static Response comment(String token, String caseId, String key, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/cases/" + caseId + "/comments");
    }
}
