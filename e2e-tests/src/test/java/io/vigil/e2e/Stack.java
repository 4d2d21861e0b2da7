package io.vigil.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The running stack's addresses and the few things every end-to-end test sets up through its APIs. */
final class Stack {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String TENANTS = "http://127.0.0.1:8081";
    static final String DETECTION = "http://127.0.0.1:8082";
    /** detection-service's health and metrics: its management interface (API port + 1000, loopback). */
    static final String DETECTION_MANAGEMENT = "http://127.0.0.1:9082";
    static final String CASES = "http://127.0.0.1:8083";
    static final String REPORTING = "http://127.0.0.1:8084";

    /** A client onboarded with one log source and its ingestion key. */
    record Client(String id, String name, String logSourceId, String keyId, String key) {
    }

    private Stack() {
    }

    static String providerAdmin() {
        return Keycloak.userToken(List.of("provider-admin"), List.of("/tenants"));
    }

    /** Onboards a managed client named {@code name} with a Sysmon log source and a key for it. */
    static Client onboard(String name) {
        String admin = providerAdmin();
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "slug", "c-" + UUID.randomUUID().toString().substring(0, 8),
                        "socModel", "MANAGED", "timeZone", "Europe/Madrid"))
                .post(TENANTS + "/api/v1/tenants").then().statusCode(201).extract().path("id");
        String source = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name + " Sysmon", "product", "Microsoft Sysmon", "format", "JSON"))
                .post(TENANTS + "/api/v1/tenants/" + id + "/log-sources").then().statusCode(201).extract().path("id");
        var key = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "shipper", "logSourceId", source))
                .post(TENANTS + "/api/v1/tenants/" + id + "/api-keys").then().statusCode(201).extract().jsonPath();
        return new Client(id, name, source, key.getString("id"), key.getString("key"));
    }

    /** The SigmaHQ rule the labelled events of {@link #labelledEvents} match, in the provider's catalog. */
    static void loadRule() throws IOException {
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        String yaml = Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(ThinSliceIT.RULE));
        given().config(ThinSliceIT.TEXT).auth().oauth2(engineer).contentType("application/yaml").body(yaml)
                .post(DETECTION + "/api/v1/rules").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static List<String> labelledEvents() throws IOException {
        return Files.readAllLines(VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl")).stream()
                .filter(l -> l.contains(ThinSliceIT.RULE_ID)).toList();
    }

    static void send(String key, List<String> events, int batches) {
        for (int i = 0; i < batches; i++) {
            given().config(ThinSliceIT.TEXT).header("X-Vigil-Api-Key", key).contentType("application/x-ndjson")
                    .body(String.join("\n", events)).post(GATEWAY + "/api/v1/ingest/events").then().statusCode(202);
        }
    }
}
