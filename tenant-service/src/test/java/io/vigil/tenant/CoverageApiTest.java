package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coverage calendar through the API: stored per tenant, answered in the tenant's zone, tenant-scoped. */
@QuarkusTest
class CoverageApiTest {

    static UUID paris;
    static UUID other;

    @BeforeEach
    void seed() {
        if (paris != null) {
            return;
        }
        paris = Fixtures.tenant("cov-paris"); // HYBRID, Europe/Paris
        other = Fixtures.tenant("cov-other");
    }

    static Map<String, Object> calendar() {
        return Map.of("windows", List.of(
                        Map.of("day", "MONDAY", "start", "08:00", "end", "18:00"),
                        Map.of("day", "FRIDAY", "start", "08:00", "end", "18:00")),
                "holidays", List.of("2026-05-01"));
    }

    @Test
    void whoCoversFollowsTheCalendarInTheTenantsZone() {
        String admin = Fixtures.member("customer-admin", paris);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(calendar())
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(200)
                .body("windows.size()", equalTo(2)).body("holidays", contains("2026-05-01"));
        // Monday 2026-03-30 08:00 in Paris is 06:00 UTC (summer time began the day before).
        given().auth().oauth2(admin).get("/api/v1/tenants/" + paris + "/coverage/who?at=2026-03-30T06:00:00Z")
                .then().statusCode(200).body("covers", contains("CLIENT")).body("localTime", equalTo("2026-03-30T08:00:00+02:00"));
        given().auth().oauth2(admin).get("/api/v1/tenants/" + paris + "/coverage/who?at=2026-03-30T05:59:00Z")
                .then().statusCode(200).body("covers", contains("PROVIDER"));
        // Friday 1 May is a holiday: the provider covers even in office hours.
        given().auth().oauth2(admin).get("/api/v1/tenants/" + paris + "/coverage/who?at=2026-05-01T08:00:00Z")
                .then().statusCode(200).body("covers", contains("PROVIDER")).body("reason", containsString("holiday"));
    }

    @Test
    void theNightShiftSeesEachOfItsTenantsAndNothingElse() {
        String admin = Fixtures.member("customer-admin", paris);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(calendar())
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(200);
        String night = Fixtures.member("soc-tier1", paris, other);
        given().auth().oauth2(night).get("/api/v1/coverage?at=2026-03-30T22:00:00Z").then().statusCode(200)
                .body("items.tenantId", org.hamcrest.Matchers.containsInAnyOrder(paris.toString(), other.toString()))
                .body("items.covers.flatten()", hasItem("PROVIDER"));
        String outsider = Fixtures.member("customer-admin", other);
        given().auth().oauth2(outsider).get("/api/v1/tenants/" + paris + "/coverage/who").then().statusCode(404);
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(calendar())
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(404);
    }

    @Test
    void badCalendarsAreRefusedNamingTheField() {
        String admin = Fixtures.member("customer-admin", paris);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("day", "MONDAY", "start", "8am", "end", "18:00")), "holidays", List.of()))
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("start")));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "08:00")), "holidays", List.of()))
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(422)
                .body("errors[0].field", equalTo("windows[0].end"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("day", "FUNDAY", "start", "08:00", "end", "09:00")), "holidays", List.of()))
                .put("/api/v1/tenants/" + paris + "/coverage").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/tenants/" + paris + "/coverage/who?at=yesterday").then().statusCode(400)
                .body("detail", containsString("ISO-8601"));
    }
}
