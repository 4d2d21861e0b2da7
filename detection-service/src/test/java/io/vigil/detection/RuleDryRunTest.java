package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule dry-run: a SigmaHQ rule tried on pasted events, with its labelled samples as the oracle. */
@QuarkusTest
class RuleDryRunTest {

    static final String RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String RULE_ID = "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d";

    @Test
    void matchesExactlyTheLabelledEventsAndStoresNothing() throws Exception {
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(RULE));
        ObjectMapper mapper = new ObjectMapper();
        List<Object> events = new ArrayList<>();
        events.add(mapper.readTree("{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}"));
        for (String l : Files.readAllLines(VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl"))) {
            if (l.contains(RULE_ID)) {
                events.add(mapper.readTree(l));
            }
        }
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        given().auth().oauth2(engineer).contentType(ContentType.JSON).body(Map.of("rule", yaml, "events", events))
                .post("/api/v1/rules/dry-run").then().statusCode(200)
                .body("ruleId", equalTo(RULE_ID), "evaluated", equalTo(events.size()))
                .body("matches", equalTo(java.util.stream.IntStream.range(1, events.size()).boxed().toList()));
        // A rule that does not compile says where.
        given().auth().oauth2(engineer).contentType(ContentType.JSON)
                .body(Map.of("rule", "title: x\nlogsource: {product: windows}\ndetection: {sel: {a: 1}, condition: sel and nope}\n",
                        "events", List.of()))
                .post("/api/v1/rules/dry-run").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nope"));
        // Analysts of one tier may not, customers may not.
        given().auth().oauth2(Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants")))
                .contentType(ContentType.JSON).body(Map.of("rule", yaml, "events", List.of()))
                .post("/api/v1/rules/dry-run").then().statusCode(403);
    }
}
