package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway started while Keycloak cannot be reached (through a relay cut before it starts): a bearer
 * request is answered at once with 503 and Retry-After, which a client retries, instead of waiting half a
 * minute for a 500; once Keycloak is back, the same token is accepted.
 */
@QuarkusTest
@TestProfile(KeycloakOutageTest.ThroughRelay.class)
class KeycloakOutageTest {

    /** Health is served on the management interface, not the API port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    static final TcpProxy RELAY = relay();

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RELAY.cutOff();
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + RELAY.port() + "/realms/" + Keycloak.REALM,
                    // tokens name the realm at its own address, not the relay's
                    "quarkus.oidc.token.issuer", Keycloak.baseUrl() + "/realms/" + Keycloak.REALM);
        }
    }

    @Test
    void bearerRequestsAreRefusedQuicklyAsUnavailableUntilKeycloakReturns() {
        String token = Keycloak.userToken(List.of("soc-tier2"), List.of("/tenants"));
        // a client that would give up after 15 s: the answer must come well before
        RestAssuredConfig impatient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 15_000).setParam("http.connection.timeout", 5_000));
        given().config(impatient).auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", containsString("identity provider"));
        // an API key does not need Keycloak: ingestion is not held up by its outage
        given().config(impatient).get(ready).then().statusCode(200);

        RELAY.restore();
        int status = 0;
        for (int i = 0; i < 60 && status != 200; i++) {
            status = given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").statusCode();
            if (status != 200) {
                sleep(500);
            }
        }
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items", notNullValue());
        given().get("/api/v1/ingest/dead-letters").then().statusCode(401).body("status", equalTo(401));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TcpProxy relay() {
        try {
            return new TcpProxy("127.0.0.1", Integer.parseInt(Keycloak.baseUrl().replaceAll(".*:", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
