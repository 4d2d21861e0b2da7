package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory and SSO connectors against real servers: an LDAP directory (UnboundID's in-memory server, over
 * TCP) where an Active Directory account really ends up disabled after the client's admin approves, and the
 * Keycloak the stack runs, where a user's sessions really end. Their credentials are sealed: never answered,
 * never logged, useless to another tenant.
 */
@QuarkusTest
class CaseConnectorsTest {

    private static final String BASE = "dc=corp,dc=example";
    private static final String BIND_DN = "cn=vigil-containment,ou=service," + BASE;
    private static final String ACCOUNT = "cn=svc-backup,ou=people," + BASE;

    @Inject
    StreamPublisher publisher;
    @Inject
    ObjectMapper mapper;

    private InMemoryDirectoryServer directory;
    private String bindPassword;

    @BeforeEach
    void directory() throws Exception {
        bindPassword = "bind-" + UUID.randomUUID();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(BIND_DN, bindPassword);
        config.setSchema(null); // Active Directory's attributes (userAccountControl, sAMAccountName) as they are
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: corp");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: " + ACCOUNT, "objectClass: user", "cn: svc-backup", "sAMAccountName: svc-backup",
                "userPrincipalName: svc-backup@corp.example", "userAccountControl: 512");
        directory.startListening();
    }

    @AfterEach
    void stop() {
        directory.shutDown(true);
    }

    @Test
    void aServerAdminAccountIsDisabledInTheRealDirectoryOnlyAfterTheClientApprovesAndTheCredentialStaysSealed()
            throws Exception {
        UUID t = UUID.randomUUID();
        policy(t);
        String admin = CaseSlaTest.token("customer-admin", t);
        String url = "ldap://127.0.0.1:" + directory.getListenPort();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", "LDAP", "url", url, "settings",
                Map.of("flavor", "ACTIVE_DIRECTORY", "baseDn", BASE, "bindDn", BIND_DN), "secret", bindPassword))
                .put("/api/v1/tenants/" + t + "/connectors/directory").then().statusCode(200)
                .body("credentialSet", equalTo(true)).body(not(containsString(bindPassword)));
        // Changing the address without the secret keeps the stored one.
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", "LDAP", "url", url, "settings",
                Map.of("flavor", "ACTIVE_DIRECTORY", "baseDn", BASE, "bindDn", BIND_DN)))
                .put("/api/v1/tenants/" + t + "/connectors/directory").then().statusCode(200)
                .body("credentialSet", equalTo(true));
        Response read = given().auth().oauth2(CaseSlaTest.token("soc-tier3", t)).get("/api/v1/tenants/" + t + "/connectors");
        read.then().statusCode(200).body("items[0].settings.bindDn", equalTo(BIND_DN));
        assertFalse(read.asString().contains(bindPassword), "the API never answers the credential");

        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "srv-fs-01", "HIGH", "high",
                "critical", p -> ((ObjectNode) p.get("entities")).put("user", "CORP\\svc-backup")));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        Response started = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "disable-account"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs");
        started.then().statusCode(201).body("steps[0].status", equalTo("WAITING_APPROVAL"));
        String runId = started.path("id");
        Thread.sleep(1_500);
        assertEquals("512", uac(), "nothing changes before the client decides");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true, "note", "disable it"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/decision").then().statusCode(200);
        Map<String, Object> run = awaitRun(tier2, caseId, runId);
        assertEquals("SUCCEEDED", run.get("status"), run.toString());
        assertEquals("514", uac(), "ACCOUNTDISABLE (2) set on the account, in the directory itself");

        // The undo needs no approval and clears the bit again.
        String undo = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "enable-account"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201)
                .body("steps[0].status", equalTo("PENDING")).extract().path("id");
        assertEquals("SUCCEEDED", awaitRun(tier2, caseId, undo).get("status"));
        assertEquals("512", uac());

        // Another tenant's run cannot use this tenant's directory, even naming the same connector.
        UUID other = UUID.randomUUID();
        policy(other);
        String otherTier2 = CaseSlaTest.token("soc-tier2", other);
        publisher.publish("alerts", CaseTriageTest.alert(other, UUID.randomUUID().toString(), "srv-fs-01", "HIGH", "high",
                null, p -> ((ObjectNode) p.get("entities")).put("user", "CORP\\svc-backup")));
        String otherCase = (String) CaseSlaTest.awaitCase(otherTier2, other).get("id");
        String otherRun = given().auth().oauth2(otherTier2).contentType(ContentType.JSON)
                .body(Map.of("playbook", "enable-account")).post("/api/v1/cases/" + otherCase + "/playbook-runs").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> refused = awaitRun(otherTier2, otherCase, otherRun);
        assertEquals("FAILED", refused.get("status"));
        assertTrue(refused.toString().contains("no connector named 'directory'"), refused.toString());

        // The credential never reached the log, nor the audit trail.
        String log = Files.readString(Path.of("target/case-service-test.log"));
        assertFalse(log.contains(bindPassword), "the bind password is in the log");
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/audit").then().statusCode(200)
                .body(not(containsString(bindPassword)));
    }

    @Test
    void revokingSessionsEndsTheUsersSessionsInTheRealKeycloak() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t);
        String clientId = "containment-" + UUID.randomUUID().toString().substring(0, 8);
        String clientSecret = "secret-" + UUID.randomUUID();
        Keycloak.userManagingClient(clientId, clientSecret);
        Keycloak.User victim = Keycloak.user(List.of(), List.of());
        String refresh = Keycloak.passwordGrant(victim.username(), victim.password()).then().statusCode(200).extract()
                .path("refresh_token");
        assertTrue(Keycloak.userState(victim.username()).sessions() >= 1);
        String admin = CaseSlaTest.token("customer-admin", t);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", "KEYCLOAK", "url", Keycloak.baseUrl(),
                "settings", Map.of("realm", Keycloak.REALM, "clientId", clientId), "secret", clientSecret))
                .put("/api/v1/tenants/" + t + "/connectors/sso").then().statusCode(200);

        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-33", "HIGH", "high", null,
                p -> ((ObjectNode) p.get("entities")).put("user", "CORP\\" + victim.username())));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        String runId = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "revoke-sessions"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true, "note", "sign them out"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/decision").then().statusCode(200);
        Map<String, Object> run = awaitRun(tier2, caseId, runId);
        assertEquals("SUCCEEDED", run.get("status"), run.toString());
        assertEquals(0, Keycloak.userState(victim.username()).sessions(), "no session left in the realm");
        assertNotEquals(200, given().baseUri(Keycloak.baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("client_id", "vigil-cli").formParam("refresh_token", refresh)
                .post("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token").statusCode(),
                "the stolen refresh token no longer works");
        assertTrue(Keycloak.userState(victim.username()).enabled(), "revoking sessions does not disable the user");
    }

    private String uac() throws Exception {
        return directory.getEntry(ACCOUNT).getAttributeValue("userAccountControl");
    }

    /** Pre-approves host isolation only: account actions wait for the client. */
    private void policy(UUID t) throws Exception {
        ObjectNode p = (ObjectNode) EventContracts.examples("tenant.containment-policy.replaced").get(0).deepCopy();
        p.set("rules", mapper.valueToTree(List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM"))));
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.containment-policy.replaced", 1,
                Instant.now(), mapper.writeValueAsString(p)));
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.containment_policies where tenant_id = '" + t + "'", 1);
    }

    private static Map<String, Object> awaitRun(String token, String caseId, String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Object> run = Map.of();
        while (Instant.now().isBefore(deadline)) {
            run = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                    .statusCode(200).extract().jsonPath().getMap("");
            if (List.of("SUCCEEDED", "FAILED", "DENIED").contains(run.get("status"))) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not finish: " + run);
    }
}
