package io.vigil.platform.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test identities in the real Keycloak realm {@code vigil}, made through its admin REST API: tenant groups,
 * users with realm roles and group memberships, and their access tokens (password grant of the public
 * {@code vigil-cli} client). Names are random, so tests never collide and need no cleanup.
 */
public final class Keycloak {

    public static final String REALM = "vigil";

    private Keycloak() {
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("vigil.keycloak.port",
                System.getenv().getOrDefault("VIGIL_KEYCLOAK_PORT", "8180"));
    }

    static String adminToken() {
        return given().baseUri(baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", System.getenv().getOrDefault("VIGIL_KEYCLOAK_ADMIN", "admin"))
                .formParam("password", System.getenv().getOrDefault("VIGIL_KEYCLOAK_ADMIN_PASSWORD", "admin"))
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Ensures the group {@code /tenants/<tenantId>} exists; returns its path. */
    public static String tenantGroup(UUID tenantId) {
        String admin = adminToken();
        String parentId = groupId(admin, "/tenants");
        Response r = given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", tenantId.toString()))
                .post("/admin/realms/" + REALM + "/groups/" + parentId + "/children");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("cannot create tenant group: " + r.statusCode() + " " + r.asString());
        }
        return "/tenants/" + tenantId;
    }

    /**
     * Creates a user with a password, realm roles and group memberships (paths such as
     * {@code /tenants/<id>}, or {@code /tenants} for all tenants); returns an access token for it.
     */
    public static String userToken(List<String> roles, List<String> groupPaths) {
        User u = user(roles, groupPaths);
        return passwordToken(u.username(), u.password());
    }

    /** A user's sign-in. */
    public record User(String username, String password) {
        public String token() {
            return passwordToken(username, password);
        }
    }

    /** Creates a user as {@link #userToken} does and returns its credentials (to sign in again later). */
    public static User user(List<String> roles, List<String> groupPaths) {
        String admin = adminToken();
        String username = "test-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@test.vigil",
                "firstName", "Test", "lastName", "User", "emailVerified", true, "groups", groupPaths,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(user)
                .post("/admin/realms/" + REALM + "/users").then().statusCode(201);
        String userId = given().baseUri(baseUrl()).auth().oauth2(admin)
                .queryParam("username", username).queryParam("exact", true)
                .get("/admin/realms/" + REALM + "/users").then().statusCode(200).extract().path("[0].id");
        if (!roles.isEmpty()) {
            List<Map<String, Object>> reps = roles.stream().map(role -> given().baseUri(baseUrl()).auth().oauth2(admin)
                    .get("/admin/realms/" + REALM + "/roles/" + role).then().statusCode(200)
                    .extract().<Map<String, Object>>path("")).toList();
            given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(reps)
                    .post("/admin/realms/" + REALM + "/users/" + userId + "/role-mappings/realm")
                    .then().statusCode(204);
        }
        return new User(username, password);
    }

    /**
     * Lets the realm's client send browsers back to {@code redirectUri} (a pattern such as
     * {@code http://127.0.0.1:41234/portal/*}) after signing in, as a test's random port needs; kept if present.
     */
    public static void allowRedirect(String clientId, String redirectUri) {
        String admin = adminToken();
        Response found = given().baseUri(baseUrl()).auth().oauth2(admin).queryParam("clientId", clientId)
                .get("/admin/realms/" + REALM + "/clients").then().statusCode(200).extract().response();
        String id = found.path("[0].id");
        List<String> uris = new java.util.ArrayList<>(found.jsonPath().getList("[0].redirectUris", String.class));
        if (!uris.contains(redirectUri)) {
            uris.add(redirectUri);
            given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("clientId", clientId, "redirectUris", uris))
                    .put("/admin/realms/" + REALM + "/clients/" + id).then().statusCode(204);
        }
    }

    /**
     * A confidential client whose service account may manage the realm's users (realm-management's
     * manage-users and view-users), as a client's SSO grants a containment connector.
     */
    public static void userManagingClient(String clientId, String secret) {
        String admin = adminToken();
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "secret", secret, "publicClient", false, "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false, "directAccessGrantsEnabled", false))
                .post("/admin/realms/" + REALM + "/clients").then().statusCode(201);
        String id = given().baseUri(baseUrl()).auth().oauth2(admin).queryParam("clientId", clientId)
                .get("/admin/realms/" + REALM + "/clients").then().statusCode(200).extract().path("[0].id");
        String account = given().baseUri(baseUrl()).auth().oauth2(admin)
                .get("/admin/realms/" + REALM + "/clients/" + id + "/service-account-user").then().statusCode(200)
                .extract().path("id");
        String management = given().baseUri(baseUrl()).auth().oauth2(admin).queryParam("clientId", "realm-management")
                .get("/admin/realms/" + REALM + "/clients").then().statusCode(200).extract().path("[0].id");
        List<Map<String, Object>> roles = List.of("manage-users", "view-users").stream().map(r -> given().baseUri(baseUrl())
                .auth().oauth2(admin).get("/admin/realms/" + REALM + "/clients/" + management + "/roles/" + r).then()
                .statusCode(200).extract().<Map<String, Object>>path("")).toList();
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(roles)
                .post("/admin/realms/" + REALM + "/users/" + account + "/role-mappings/clients/" + management)
                .then().statusCode(204);
    }

    /**
     * The realm's user of this name with a fresh password, created if missing, enabled again if it was disabled
     * (a client account an alert names, for a connector to act on).
     */
    public static User userNamed(String username) {
        String admin = adminToken();
        String password = "pw-" + UUID.randomUUID();
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true, "email", username + "@client.test",
                        "firstName", "Client", "lastName", "User", "emailVerified", true))
                .post("/admin/realms/" + REALM + "/users").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        String id = given().baseUri(baseUrl()).auth().oauth2(admin).queryParam("username", username).queryParam("exact", true)
                .get("/admin/realms/" + REALM + "/users").then().statusCode(200).extract().path("[0].id");
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/admin/realms/" + REALM + "/users/" + id).then().statusCode(204);
        given().baseUri(baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("type", "password", "value", password, "temporary", false))
                .put("/admin/realms/" + REALM + "/users/" + id + "/reset-password").then().statusCode(204);
        return new User(username, password);
    }

    /** The user as the admin API shows it (enabled, ...) and how many sessions it has open. */
    public record UserState(boolean enabled, int sessions) {
    }

    public static UserState userState(String username) {
        String admin = adminToken();
        Map<String, Object> u = given().baseUri(baseUrl()).auth().oauth2(admin).queryParam("username", username)
                .queryParam("exact", true).get("/admin/realms/" + REALM + "/users").then().statusCode(200)
                .extract().path("[0]");
        int sessions = given().baseUri(baseUrl()).auth().oauth2(admin)
                .get("/admin/realms/" + REALM + "/users/" + u.get("id") + "/sessions").then().statusCode(200)
                .extract().jsonPath().getList("").size();
        return new UserState(Boolean.TRUE.equals(u.get("enabled")), sessions);
    }

    /** The raw answer of the token endpoint to a password grant (to check refusals). */
    public static Response passwordGrant(String username, String password) {
        return given().baseUri(baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "vigil-cli")
                .formParam("username", username).formParam("password", password)
                .post("/realms/" + REALM + "/protocol/openid-connect/token");
    }

    /** The raw answer of the token endpoint to a client-credentials grant. */
    public static Response clientCredentialsGrant(String clientId, String secret) {
        return given().baseUri(baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/realms/" + REALM + "/protocol/openid-connect/token");
    }

    /** How many groups have this path (0 or 1), read through the admin API. */
    public static int groupCount(String path) {
        int status = given().baseUri(baseUrl()).auth().oauth2(adminToken())
                .get("/admin/realms/" + REALM + "/group-by-path" + path).statusCode();
        return status == 200 ? 1 : 0;
    }

    /** How many clients carry this client id. */
    public static int clientCount(String clientId) {
        List<Object> found = given().baseUri(baseUrl()).auth().oauth2(adminToken()).queryParam("clientId", clientId)
                .get("/admin/realms/" + REALM + "/clients").then().statusCode(200).extract().path("");
        return found.size();
    }

    public static String passwordToken(String username, String password) {
        return given().baseUri(baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "vigil-cli")
                .formParam("username", username).formParam("password", password)
                .post("/realms/" + REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static String groupId(String admin, String path) {
        return given().baseUri(baseUrl()).auth().oauth2(admin)
                .get("/admin/realms/" + REALM + "/group-by-path" + path)
                .then().statusCode(200).extract().path("id");
    }
}
