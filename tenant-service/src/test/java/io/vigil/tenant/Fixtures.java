package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tenants and assets made through the public API, as a provider admin would. */
final class Fixtures {

    private static String providerAdmin;

    private Fixtures() {
    }

    static synchronized String providerAdmin() {
        if (providerAdmin == null) {
            providerAdmin = Keycloak.userToken(List.of("provider-admin"), List.of("/tenants"));
        }
        return providerAdmin;
    }

    /** A new tenant, onboarded through the API (its identity provisioned in Keycloak, so ACTIVE). */
    static UUID tenant(String label) {
        String id = given().auth().oauth2(providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Client " + label, "slug", slug(label), "socModel", "HYBRID",
                        "timeZone", "Europe/Paris"))
                .post("/api/v1/tenants").then().statusCode(201).body("status", equalTo("ACTIVE"))
                .extract().path("id");
        return UUID.fromString(id);
    }

    static String slug(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UUID asset(UUID tenantId, String hostname, String criticality) {
        String id = given().auth().oauth2(providerAdmin()).contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenantId.toString(), "hostname", hostname, "criticality", criticality))
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static String member(String role, UUID... tenants) {
        return Keycloak.userToken(List.of(role),
                java.util.Arrays.stream(tenants).map(t -> "/tenants/" + t).toList());
    }
}
