package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Onboarding provisions real identities in Keycloak, and those identities see exactly their tenants. */
@QuarkusTest
class IdentityProvisioningTest {

    @Test
    void onboardingYieldsAServiceAccountWhoseTokenSeesOnlyItsTenant() {
        UUID tenant = Fixtures.tenant("sa");
        UUID other = Fixtures.tenant("sa-other");
        UUID own = Fixtures.asset(tenant, "sa-host-1", "HIGH");
        UUID foreign = Fixtures.asset(other, "sa-host-2", "LOW");

        Map<String, String> secret = given().auth().oauth2(Fixtures.providerAdmin())
                .post("/api/v1/tenants/" + tenant + "/service-account/secret")
                .then().statusCode(200).body("tokenEndpoint", containsString("/protocol/openid-connect/token"))
                .extract().as(Map.class);
        String token = Keycloak.clientCredentialsGrant(secret.get("clientId"), secret.get("clientSecret"))
                .then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).get("/api/v1/assets?limit=1000").then().statusCode(200)
                .body("items.tenantId", everyItem(equalTo(tenant.toString())))
                .body("items.id", hasItem(own.toString()));
        given().auth().oauth2(token).get("/api/v1/assets/" + foreign).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/tenants").then().statusCode(200)
                .body("items.id", equalTo(List.of(tenant.toString())));
    }

    /**
     * tenant-service signs in with this installation's own secret (the dev secret of the shipped realm file is
     * not it), and its service account holds what provisioning needs, not the realm: it may not change the
     * realm's settings or create realm roles.
     */
    @Test
    void theServiceAccountUsesTheInstallationsSecretAndCannotAdministerTheRealm() {
        String secret = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.oidc.credentials.secret", String.class);
        io.vigil.platform.testing.VigilInfra.oidcSecret("tenant-service").ifPresent(s -> assertEquals(s, secret));
        String token = Keycloak.clientCredentialsGrant("tenant-service", secret).then().statusCode(200)
                .extract().path("access_token");
        String admin = Keycloak.baseUrl() + "/admin/realms/" + Keycloak.REALM;
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("registrationAllowed", true))
                .put(admin).then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "sneaky-" + UUID.randomUUID()))
                .post(admin + "/roles").then().statusCode(403);
        given().auth().oauth2(token).get(admin + "/users?max=1").then().statusCode(200); // what it does need
    }

    @Test
    void provisioningAgainChangesNothing() {
        String slug = Fixtures.slug("idem");
        String id = given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Idempotent", "slug", slug, "socModel", "MANAGED", "timeZone", "UTC"))
                .post("/api/v1/tenants").then().statusCode(201)
                .body("status", equalTo("ACTIVE"), "serviceClientId", equalTo("tenant-" + slug),
                        "provisioningError", nullValue(), "provisionedAt", notNullValue())
                .extract().path("id");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Fixtures.providerAdmin()).post("/api/v1/tenants/" + id + "/provision")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));
        }
        assertEquals(1, Keycloak.groupCount("/tenants/" + id));
        assertEquals(1, Keycloak.clientCount("tenant-" + slug));
    }

    @Test
    void customerUsersCreatedThroughTheApiSeeOnlyTheirTenant() {
        UUID a = Fixtures.tenant("cu-a");
        UUID b = Fixtures.tenant("cu-b");
        UUID assetB = Fixtures.asset(b, "cu-b-host", "MEDIUM");
        String username = "cio-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@client.example", "firstName", "Clara", "lastName", "Io", "role", "customer-viewer",
                        "password", "a-long-enough-password"))
                .post("/api/v1/tenants/" + a + "/users").then().statusCode(201)
                .body("roles", equalTo(List.of("customer-viewer")), "temporaryPassword", nullValue());

        String cio = Keycloak.passwordToken(username, "a-long-enough-password");
        given().auth().oauth2(cio).get("/api/v1/tenants/" + a).then().statusCode(200);
        given().auth().oauth2(cio).get("/api/v1/assets/" + assetB).then().statusCode(404);
        given().auth().oauth2(cio).get("/api/v1/tenants/" + b).then().statusCode(404);
        // A viewer may not create users, and the same name cannot be taken twice.
        given().auth().oauth2(cio).contentType(ContentType.JSON)
                .body(Map.of("username", "x-" + username, "email", "x@client.example", "role", "customer-admin"))
                .post("/api/v1/tenants/" + a + "/users").then().statusCode(403);
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", "other@client.example", "firstName", "O", "lastName", "Ther",
                        "role", "customer-viewer"))
                .post("/api/v1/tenants/" + a + "/users").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(username));
        given().auth().oauth2(Fixtures.providerAdmin()).get("/api/v1/tenants/" + a + "/users").then().statusCode(200)
                .body("items.username", hasItem(username)).body("nextCursor", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void userWithoutPasswordGetsATemporaryOne() {
        UUID a = Fixtures.tenant("tmp");
        String username = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@client.example", "firstName", "Ana", "lastName", "Lyst", "role", "customer-analyst"))
                .post("/api/v1/tenants/" + a + "/users").then().statusCode(201)
                .body("temporaryPassword", notNullValue());
    }

    @Test
    void staffAssignmentDrivesTheTenantsOfTheirNextToken() {
        UUID a = Fixtures.tenant("st-a");
        UUID b = Fixtures.tenant("st-b");
        UUID c = Fixtures.tenant("st-c");
        Keycloak.User analyst = Keycloak.user(List.of("soc-tier1"), List.of());

        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("allTenants", false, "tenantIds", List.of(a.toString(), b.toString())))
                .put("/api/v1/staff/" + analyst.username() + "/tenants").then().statusCode(200)
                .body("groups", containsInAnyOrder("/tenants/" + a, "/tenants/" + b));
        String token = analyst.token();
        given().auth().oauth2(token).get("/api/v1/tenants?limit=500").then().statusCode(200)
                .body("items.id", containsInAnyOrder(a.toString(), b.toString()));
        given().auth().oauth2(token).get("/api/v1/tenants/" + c).then().statusCode(404);

        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("allTenants", false, "tenantIds", List.of(c.toString())))
                .put("/api/v1/staff/" + analyst.username() + "/tenants").then().statusCode(200)
                .body("groups", equalTo(List.of("/tenants/" + c)));
        given().auth().oauth2(analyst.token()).get("/api/v1/tenants?limit=500").then().statusCode(200)
                .body("items.id", equalTo(List.of(c.toString())));
    }

    @Test
    void onlyProviderStaffAreAssignedToTenants() {
        UUID a = Fixtures.tenant("st-x");
        Keycloak.User customer = Keycloak.user(List.of("customer-viewer"), List.of("/tenants/" + a));
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("allTenants", true))
                .put("/api/v1/staff/" + customer.username() + "/tenants").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("username"));
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("allTenants", false, "tenantIds", List.of(UUID.randomUUID().toString())))
                .put("/api/v1/staff/" + customer.username() + "/tenants").then().statusCode(404);
    }

    @Test
    void offboardingDisablesTheTenantsIdentitiesAndKeepsStaff() {
        UUID t = Fixtures.tenant("off");
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@client.example", "firstName", "Ad", "lastName", "Min", "role", "customer-admin",
                        "password", "a-long-enough-password"))
                .post("/api/v1/tenants/" + t + "/users").then().statusCode(201);
        Map<String, String> secret = given().auth().oauth2(Fixtures.providerAdmin())
                .post("/api/v1/tenants/" + t + "/service-account/secret").then().statusCode(200).extract().as(Map.class);
        Keycloak.User staff = Keycloak.user(List.of("soc-tier2"), List.of("/tenants/" + t));
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "firewall")).post("/api/v1/tenants/" + t + "/api-keys")
                .then().statusCode(201);

        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "contract ended")).post("/api/v1/tenants/" + t + "/offboard")
                .then().statusCode(200).body("status", equalTo("OFFBOARDED"), "statusReason", equalTo("contract ended"));

        Keycloak.passwordGrant(username, "a-long-enough-password").then().statusCode(not(equalTo(200)));
        Keycloak.clientCredentialsGrant(secret.get("clientId"), secret.get("clientSecret"))
                .then().statusCode(not(equalTo(200)));
        // Staff keep their account; they only stop serving this tenant.
        Keycloak.passwordGrant(staff.username(), staff.password()).then().statusCode(200);
        given().auth().oauth2(Fixtures.providerAdmin()).get("/api/v1/tenants/" + t + "/api-keys").then()
                .statusCode(200).body("items.revokedAt", hasSize(1)).body("items.revokedAt", everyItem(notNullValue()));
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "again")).post("/api/v1/tenants/" + t + "/offboard").then().statusCode(409);
    }
}
