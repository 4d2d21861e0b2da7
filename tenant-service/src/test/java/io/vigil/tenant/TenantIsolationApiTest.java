package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant set of a request comes from the verified token only, and nothing crosses it. */
@QuarkusTest
class TenantIsolationApiTest {

    static UUID tenantA;
    static UUID tenantB;
    static UUID tenantC;
    static UUID assetA;
    static UUID assetB;
    static UUID assetC;

    // Seeded once, lazily: RestAssured knows the application's port only once a test runs.
    @BeforeEach
    void seed() {
        if (tenantA != null) {
            return;
        }
        tenantA = Fixtures.tenant("iso-a");
        tenantB = Fixtures.tenant("iso-b");
        tenantC = Fixtures.tenant("iso-c");
        assetA = Fixtures.asset(tenantA, "ws-a-1", "LOW");
        assetB = Fixtures.asset(tenantB, "ws-b-1", "MEDIUM");
        assetC = Fixtures.asset(tenantC, "ws-c-1", "HIGH");
    }

    @Test
    void rejectsRequestsWithoutTokenAsProblem() {
        given().get("/api/v1/assets").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401), "title", equalTo("Unauthorized"));
    }

    @Test
    void customerViewerGets404ForAnotherTenantsAsset() {
        String viewerA = Fixtures.member("customer-viewer", tenantA);
        given().auth().oauth2(viewerA).get("/api/v1/assets/" + assetA).then().statusCode(200)
                .body("hostname", equalTo("ws-a-1"));
        given().auth().oauth2(viewerA).get("/api/v1/assets/" + assetB).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(assetB.toString()));
        given().auth().oauth2(viewerA).get("/api/v1/tenants/" + tenantB).then().statusCode(404);
        given().auth().oauth2(viewerA).get("/api/v1/assets?limit=500").then().statusCode(200)
                .body("items.tenantId", everyItem(equalTo(tenantA.toString())))
                .body("items.id", hasItem(assetA.toString()));
    }

    @Test
    void analystAssignedToTwoTenantsSeesBothAndNothingElse() {
        String tier1 = Fixtures.member("soc-tier1", tenantA, tenantB);
        given().auth().oauth2(tier1).get("/api/v1/assets?limit=1000").then().statusCode(200)
                .body("items.id", hasItems(assetA.toString(), assetB.toString()))
                .body("items.id", not(hasItem(assetC.toString())))
                .body("items.tenantId", everyItem(in(List.of(tenantA.toString(), tenantB.toString()))));
        given().auth().oauth2(tier1).get("/api/v1/tenants").then().statusCode(200)
                .body("items.id", everyItem(in(List.of(tenantA.toString(), tenantB.toString()))));
        given().auth().oauth2(tier1).get("/api/v1/assets/" + assetC).then().statusCode(404);
    }

    @Test
    void headerNarrowsTheTenantSetButNeverWidensIt() {
        String tier1 = Fixtures.member("soc-tier1", tenantA, tenantB);
        given().auth().oauth2(tier1).header("X-Vigil-Tenant", tenantA.toString())
                .get("/api/v1/assets?limit=1000").then().statusCode(200)
                .body("items.tenantId", everyItem(equalTo(tenantA.toString())));
        given().auth().oauth2(tier1).header("X-Vigil-Tenant", tenantA.toString())
                .get("/api/v1/assets/" + assetB).then().statusCode(404);
        given().auth().oauth2(tier1).header("X-Vigil-Tenant", tenantC.toString())
                .get("/api/v1/assets").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void userWithoutAnyTenantIsRefused() {
        String orphan = io.vigil.platform.testing.Keycloak.userToken(List.of("soc-tier1"), List.of());
        given().auth().oauth2(orphan).get("/api/v1/assets").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("not assigned to any tenant"));
    }

    @Test
    void cannotWriteIntoAnotherTenant() {
        String adminA = Fixtures.member("customer-admin", tenantA);
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenantB.toString(), "hostname", "x", "criticality", "LOW"))
                .post("/api/v1/assets").then().statusCode(404);
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("hostname", "a-own-" + UUID.randomUUID(), "criticality", "LOW"))
                .post("/api/v1/assets").then().statusCode(201).body("tenantId", equalTo(tenantA.toString()));
    }

    @Test
    void viewerMayNotWrite() {
        String viewerA = Fixtures.member("customer-viewer", tenantA);
        given().auth().oauth2(viewerA).contentType(ContentType.JSON)
                .body(Map.of("hostname", "nope", "criticality", "LOW"))
                .post("/api/v1/assets").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void invalidInputNamesTheField() {
        String adminA = Fixtures.member("customer-admin", tenantA);
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("criticality", "LOW"))
                .post("/api/v1/assets").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("hostname"));
        given().auth().oauth2(adminA).contentType(ContentType.JSON)
                .body(Map.of("hostname", "h1", "criticality", "EXTREME"))
                .post("/api/v1/assets").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("criticality"));
        given().auth().oauth2(adminA).contentType(ContentType.JSON).body("{\"hostname\": ")
                .post("/api/v1/assets").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(adminA).get("/api/v1/assets?limit=0").then().statusCode(400)
                .body("detail", containsString("limit"));
    }
}
