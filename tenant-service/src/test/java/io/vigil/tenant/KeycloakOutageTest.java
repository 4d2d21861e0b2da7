package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * tenant-service reaches Keycloak's admin API through a relay the test can cut: a tenant onboarded during
 * the outage stays ONBOARDING with the reason, and becomes ACTIVE by itself once Keycloak is back.
 */
@QuarkusTest
@TestProfile(KeycloakOutageTest.ThroughRelay.class)
class KeycloakOutageTest {

    static final TcpProxy RELAY = relay();

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.keycloak.admin-client.server-url", "http://127.0.0.1:" + RELAY.port(),
                    "vigil.tenant.provisioning.retry-every", "1s");
        }
    }

    @AfterEach
    void restore() {
        RELAY.restore();
    }

    @Test
    void tenantOnboardedDuringAnOutageBecomesActiveWhenKeycloakReturns() throws InterruptedException {
        RELAY.cutOff();
        String id = given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Outage client", "slug", Fixtures.slug("outage"), "socModel", "VIRTUAL",
                        "timeZone", "America/New_York"))
                .post("/api/v1/tenants").then().statusCode(201)
                .body("status", equalTo("ONBOARDING"), "provisioningError", startsWith("Keycloak"))
                .extract().path("id");
        assertEquals(0, Keycloak.groupCount("/tenants/" + id), "nothing half-created in Keycloak");
        // Users cannot be created for a tenant whose identity is not in place.
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("username", "early-" + id.substring(0, 8), "email", "e@client.example",
                        "firstName", "Early", "lastName", "Bird", "role", "customer-viewer"))
                .post("/api/v1/tenants/" + id + "/users").then().statusCode(409);

        RELAY.restore();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String status = "ONBOARDING";
        while (!status.equals("ACTIVE") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = given().auth().oauth2(Fixtures.providerAdmin()).get("/api/v1/tenants/" + id)
                    .then().statusCode(200).extract().path("status");
        }
        given().auth().oauth2(Fixtures.providerAdmin()).get("/api/v1/tenants/" + id).then()
                .body("status", equalTo("ACTIVE"), "provisionedAt", notNullValue());
        assertEquals(1, Keycloak.groupCount("/tenants/" + id));
    }

    private static TcpProxy relay() {
        try {
            return new TcpProxy("127.0.0.1", Integer.parseInt(Keycloak.baseUrl().replaceAll(".*:", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
