package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Evidence: stored with its SHA-256, checked on arrival and on the way out, custody recorded, walled per tenant. */
@QuarkusTest
class CaseEvidenceTest {

    @Inject
    StreamPublisher publisher;

    @Test
    void evidenceKeepsItsHashItsCustodyAndItsTenant() throws Exception {
        UUID t = UUID.randomUUID();
        String tier2 = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(t)));
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "fin-ws-9", "HIGH", "high", null));
        String caseId = awaitCase(tier2, t);
        byte[] file = "EventID=4688 CommandLine=powershell -enc SQBFAFgA...\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));

        // Changed on the way: the hash the collector sent is not the bytes' hash, and nothing is stored.
        given().auth().oauth2(tier2).contentType("text/plain").header("X-Content-SHA256", "0".repeat(64))
                .queryParam("name", "4688.log").body(file).post("/api/v1/cases/" + caseId + "/evidence").then()
                .statusCode(422).contentType("application/problem+json").body("detail", containsString(sha));
        given().auth().oauth2(tier2).contentType("text/plain").body(file).post("/api/v1/cases/" + caseId + "/evidence")
                .then().statusCode(422).body("detail", containsString("file name"));

        String evidenceId = given().auth().oauth2(tier2).contentType("text/plain").header("X-Content-SHA256", sha)
                .queryParam("name", "4688.log").queryParam("description", "process creation on fin-ws-9").body(file)
                .post("/api/v1/cases/" + caseId + "/evidence").then().statusCode(201)
                .body("sha256", equalTo(sha)).body("sizeBytes", equalTo(file.length)).body("contentType", containsString("text/plain"))
                .extract().path("id");
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/evidence").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].fileName", equalTo("4688.log"));

        Response download = given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId + "/content");
        download.then().statusCode(200).header("X-Content-SHA256", sha).header("X-Evidence-Intact", "true")
                .header("Content-Disposition", containsString("4688.log"));
        assertArrayEquals(file, download.asByteArray());
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId + "/custody").then()
                .statusCode(200).body("items.action", equalTo(List.of("COLLECTED", "DOWNLOADED")))
                .body("items.sha256", equalTo(List.of(sha, sha)));
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/timeline?kind=action").then().statusCode(200)
                .body("items.summary.findAll { it.startsWith('case.evidence') }.size()", equalTo(2));

        // Another tenant's people get 404 for the evidence, its bytes and its custody.
        String outsider = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(UUID.randomUUID())));
        for (String path : List.of("", "/" + evidenceId + "/content", "/" + evidenceId + "/custody")) {
            given().auth().oauth2(outsider).get("/api/v1/cases/" + caseId + "/evidence" + path).then().statusCode(404);
        }
        given().auth().oauth2(outsider).contentType("text/plain").queryParam("name", "x.log").body(file)
                .post("/api/v1/cases/" + caseId + "/evidence").then().statusCode(404);

        // The service's role cannot rewrite custody; bytes changed behind its back are reported, not hidden.
        try (Connection app = DriverManager.getConnection(CaseTriageTest.DB, "cases_app", "vigil"); Statement st = app.createStatement()) {
            st.execute("select set_config('app.tenant_ids', '" + t + "', false)");
            assertThrows(SQLException.class, () -> st.executeUpdate("delete from cases.case_evidence_custody where tenant_id = '" + t + "'"));
        }
        try (Connection owner = DriverManager.getConnection(CaseTriageTest.DB, "postgres", "vigil"); Statement st = owner.createStatement()) {
            st.executeUpdate("update cases.case_evidence_content set bytes = 'forged'::bytea where evidence_id = '" + evidenceId + "'");
        }
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId + "/content").then()
                .statusCode(200).header("X-Evidence-Intact", "false");
        List<Map<String, Object>> custody = given().auth().oauth2(tier2)
                .get("/api/v1/cases/" + caseId + "/evidence/" + evidenceId + "/custody").jsonPath().getList("items");
        assertEquals(3, custody.size());
        assertNotEquals(sha, custody.get(2).get("sha256"), "the custody entry records the hash the bytes had");
    }

    private static String awaitCase(String token, UUID tenant) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = given().auth().oauth2(token).queryParam("tenantId", tenant.toString()).get("/api/v1/cases")
                    .jsonPath().getList("items.id");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no case for " + tenant);
    }
}
