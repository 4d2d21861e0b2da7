package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "Who was told what, when" is answered from the case: each communication to a stakeholder is recorded from its
 * audience's template (or as written), in order, on the timeline; the provider telling the client's IT meets the
 * notify promise, the client's own note to its legal team does not; other tenants see none of it.
 */
@QuarkusTest
class CaseCommunicationTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    ObjectMapper mapper;

    @Test
    void communicationsAreRecordedFromTheAudiencesTemplateInOrderAndTheClientNotificationMeetsItsPromise() throws Exception {
        UUID t = UUID.randomUUID();
        CaseSlaTest.tenant(publisher, mapper, t, "Acme Bank", "Europe/Paris", "MANAGED", List.of("NIS2", "GDPR"));
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.tenant_profiles where tenant_id = '" + t
                + "' and array_length(regimes, 1) = 2", 1);
        String analyst = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "pay-srv-2", "CRITICAL", "critical", "critical"));
        String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");
        long number = ((Number) given().auth().oauth2(analyst).get("/api/v1/cases/" + id).path("number")).longValue();
        String title = given().auth().oauth2(analyst).get("/api/v1/cases/" + id).path("title");

        given().auth().oauth2(analyst).get("/api/v1/communication-templates").then().statusCode(200)
                .body("items.audience", equalTo(List.of("CLIENT_IT", "LEGAL", "COMMUNICATIONS", "EXECUTIVE", "REGULATOR")));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/clocks").then()
                .body("items.find { it.kind == 'NOTIFY' }.stoppedAt", nullValue());

        Instant called = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("audience", "CLIENT_IT",
                "recipient", "it-oncall@acme.example", "channel", "PHONE", "sentAt", called.toString(),
                "note", "Please confirm whether pay-srv-2 may be isolated"))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(201)
                .body("subject", equalTo("[Acme Bank] Case #" + number + " (CRITICAL): " + title))
                .body("body", containsString("on pay-srv-2"))
                .body("body", containsString("Please confirm whether pay-srv-2 may be isolated"))
                .body("template", equalTo("CLIENT_IT"));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/clocks").then()
                .body("items.find { it.kind == 'NOTIFY' }.stoppedAt", notNullValue());

        String clientAdmin = CaseSlaTest.token("customer-admin", t);
        given().auth().oauth2(clientAdmin).contentType(ContentType.JSON).body(Map.of("audience", "LEGAL",
                "recipient", "General counsel", "channel", "MEETING", "note", "Card data may be involved"))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(201)
                .body("body", containsString("Regimes the client reports under: NIS2, GDPR"))
                .body("recordedBy", notNullValue());
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("audience", "REGULATOR",
                "recipient", "CSIRT", "channel", "PORTAL", "subject", "Early warning", "body", "Written out by hand"))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(201).body("template", nullValue());

        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/communications").then().statusCode(200)
                .body("items.audience", equalTo(List.of("CLIENT_IT", "LEGAL", "REGULATOR")))
                .body("items[0].sentAt", equalTo(called.toString()));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/communications?audience=LEGAL").then()
                .body("items.size()", equalTo(1));
        given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?limit=200").then()
                .body("items.summary.findAll { it.startsWith('case.communication.recorded') }.size()", equalTo(3));

        // Refused: the future, half a text, a viewer, another tenant.
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("audience", "EXECUTIVE", "recipient", "CEO",
                "channel", "EMAIL", "sentAt", Instant.now().plusSeconds(3600).toString()))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(422)
                .body("errors.field", hasItem("sentAt"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("audience", "EXECUTIVE", "recipient", "CEO",
                "channel", "EMAIL", "subject", "only a subject"))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(422);
        given().auth().oauth2(CaseSlaTest.token("customer-viewer", t)).contentType(ContentType.JSON)
                .body(Map.of("audience", "EXECUTIVE", "recipient", "CEO", "channel", "EMAIL"))
                .post("/api/v1/cases/" + id + "/communications").then().statusCode(403);
        given().auth().oauth2(CaseSlaTest.token("soc-tier2", UUID.randomUUID())).get("/api/v1/cases/" + id + "/communications")
                .then().statusCode(404);
    }
}
