package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.platform.testing.Keycloak;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wrong request gets a 400 that says what is wrong, as application/problem+json, and never a Java class
 * name: a value that does not convert is not a missing resource (JAX-RS would answer 404), and a body of
 * the wrong shape is not a server error.
 */
@QuarkusTest
class BadInputTest {

    static String admin() {
        return Keycloak.userToken(List.of("provider-admin"), List.of("/tenants"));
    }

    @Test
    void queryAndPathValuesThatDoNotConvertAre400NotA404() {
        String token = admin();
        problem(given().auth().oauth2(token).get("/api/v1/tenants?limit=abc"), 400)
                .body("detail", containsString("invalid value"));
        problem(given().auth().oauth2(token).get("/api/v1/tenants?status=SLEEPING"), 400);
        problem(given().auth().oauth2(token).get("/api/v1/tenants/not-a-uuid"), 400)
                .body("detail", containsString("not-a-uuid"));
        problem(given().auth().oauth2(token).get("/api/v1/tenants/" + java.util.UUID.randomUUID()), 404);
        problem(given().auth().oauth2(token).get("/api/v1/tenants?limit=0"), 400).body("detail", containsString("limit"));
    }

    @Test
    void bodiesOfTheWrongShapeSayWhatWasExpectedWithoutClassNames() {
        String token = admin();
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("[]").post("/api/v1/tenants"), 400)
                .body("detail", equalTo("the body must be a JSON object"));
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("\"text\"").post("/api/v1/tenants"), 400);
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("[".repeat(5_000) + "]".repeat(5_000))
                .post("/api/v1/tenants"), 400);
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": }").post("/api/v1/tenants"), 400)
                .body("detail", containsString("not valid JSON"));
    }

    private static ValidatableResponse problem(io.restassured.response.Response r, int status) {
        return r.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", not(containsString("io.vigil")))
                .body("detail", not(containsString("java.")))
                .body("detail", not(containsString("com.fasterxml")))
                .body("detail", not(containsString("Constraints.")));
    }
}
