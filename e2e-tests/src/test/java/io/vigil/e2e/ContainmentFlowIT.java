package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.Stack.GATEWAY;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containment through the gateway, on the running stack, continuing the triage flow: the client pre-approved
 * isolating workstations, so isolate_host runs at once through the signed webhook (a real HTTP server here
 * stands in for its EDR); disabling a server admin's account waits until the client's admin approves, then the
 * account is disabled in a real LDAP directory; revoking the sessions ends them in the stack's Keycloak; the
 * case is CONTAINED and its timeline tells every step.
 */
class ContainmentFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "dc=client,dc=example";

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    record Received(String path, String signature, String body) {
    }

    @Test
    void aCaseIsContainedThroughThreeRealConnectorsWithTheClientApprovingWhatItDidNotPreApprove() throws Exception {
        List<Received> edrCalls = new CopyOnWriteArrayList<>();
        HttpServer edr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        edr.createContext("/", x -> {
            edrCalls.add(new Received(x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("X-Vigil-Signature"),
                    new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        edr.start();
        // The account the attack ran as (the labelled events' User, swachchhanda\\xodih), in the client's SSO and directory.
        Keycloak.User admin = Keycloak.userNamed("xodih");
        String bindDn = "cn=vigil,ou=service," + BASE;
        String bindPassword = "bind-" + UUID.randomUUID();
        InMemoryDirectoryServerConfig ldapConfig = new InMemoryDirectoryServerConfig(BASE);
        ldapConfig.addAdditionalBindCredentials(bindDn, bindPassword);
        ldapConfig.setSchema(null);
        ldapConfig.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(ldapConfig);
        String accountDn = "cn=" + admin.username() + ",ou=admins," + BASE;
        directory.add("dn: " + BASE, "objectClass: domain", "dc: client");
        directory.add("dn: ou=admins," + BASE, "objectClass: organizationalUnit", "ou: admins");
        directory.add("dn: " + accountDn, "objectClass: user", "sAMAccountName: " + admin.username(), "userAccountControl: 512");
        directory.startListening();
        try {
            Stack.Client client = Stack.onboard("Containment Flow Client");
            String provider = Stack.providerAdmin();
            String group = "/tenants/" + client.id();
            String clientAdmin = Keycloak.userToken(List.of("customer-admin"), List.of(group));
            // Preparation: the workstation is low criticality; the client pre-approves isolating such hosts only.
            given().auth().oauth2(provider).contentType(ContentType.JSON)
                    .body(Map.of("tenantId", client.id(), "hostname", "swachchhanda", "criticality", "LOW"))
                    .post(GATEWAY + "/api/v1/assets").then().statusCode(201);
            given().auth().oauth2(clientAdmin).contentType(ContentType.JSON)
                    .body(Map.of("rules", List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM")),
                            "approvers", List.of(), "escalateAfterMinutes", 30))
                    .put(GATEWAY + "/api/v1/tenants/" + client.id() + "/containment-policy").then().statusCode(200);
            String kcClient = "containment-" + UUID.randomUUID().toString().substring(0, 8);
            String kcSecret = "secret-" + UUID.randomUUID();
            Keycloak.userManagingClient(kcClient, kcSecret);
            String connectors = GATEWAY + "/api/v1/tenants/" + client.id() + "/connectors/";
            given().auth().oauth2(clientAdmin).contentType(ContentType.JSON)
                    .body(Map.of("kind", "WEBHOOK", "url", "http://127.0.0.1:" + edr.getAddress().getPort() + "/edr"))
                    .put(connectors + "edr").then().statusCode(200);
            given().auth().oauth2(clientAdmin).contentType(ContentType.JSON).body(Map.of("kind", "LDAP", "url",
                    "ldap://127.0.0.1:" + directory.getListenPort(), "settings", Map.of("flavor", "ACTIVE_DIRECTORY",
                            "baseDn", BASE, "bindDn", bindDn), "secret", bindPassword))
                    .put(connectors + "directory").then().statusCode(200).body("credentialSet", equalTo(true));
            given().auth().oauth2(clientAdmin).contentType(ContentType.JSON).body(Map.of("kind", "KEYCLOAK", "url",
                    Keycloak.baseUrl(), "settings", Map.of("realm", Keycloak.REALM, "clientId", kcClient), "secret", kcSecret))
                    .put(connectors + "sso").then().statusCode(200);

            // Monitoring and triage: the alert opens a case; tier 1 acknowledges it.
            Stack.loadRule();
            String tier1 = Keycloak.userToken(List.of("soc-tier1"), List.of(group));
            String tier2 = Keycloak.userToken(List.of("soc-tier2"), List.of(group));
            Stack.send(client.key(), List.of(Stack.labelledEvents().get(0)), 1);
            String caseId = awaitCase(tier1, client.id());
            given().auth().oauth2(tier1).contentType(ContentType.JSON).body(Map.of("status", "ACKNOWLEDGED"))
                    .patch(GATEWAY + "/api/v1/cases/" + caseId).then().statusCode(200);

            // Pre-approved: the isolation runs at once, signed with the client's key.
            String isolation = start(tier2, caseId, "isolate-host");
            assertEquals("SUCCEEDED", awaitRun(tier2, caseId, isolation, "SUCCEEDED").getString("status"));
            assertEquals(1, edrCalls.size());
            JsonNode action = JSON.readTree(edrCalls.get(0).body());
            assertEquals("isolate_host", action.path("action").asText());
            assertEquals("swachchhanda", action.path("target").asText());
            String key = given().auth().oauth2(clientAdmin).get(GATEWAY + "/api/v1/tenants/" + client.id()
                    + "/webhook-signing-key").then().statusCode(200).extract().path("key");
            assertTrue(verifies(key, edrCalls.get(0).signature(), edrCalls.get(0).body()), "the EDR verifies the signature");
            given().auth().oauth2(tier2).get(GATEWAY + "/api/v1/cases/" + caseId).then().body("status", equalTo("CONTAINED"));

            // Not pre-approved: the account waits for the client's admin, then is disabled in the directory.
            String disable = start(tier2, caseId, "disable-account");
            awaitRun(tier2, caseId, disable, "WAITING_APPROVAL");
            assertEquals("512", directory.getEntry(accountDn).getAttributeValue("userAccountControl"));
            decide(clientAdmin, caseId, disable, "the admin account is compromised: disable it");
            awaitRun(tier2, caseId, disable, "SUCCEEDED");
            assertEquals("514", directory.getEntry(accountDn).getAttributeValue("userAccountControl"));

            // Its sessions end in the SSO.
            Keycloak.passwordGrant(admin.username(), admin.password()).then().statusCode(200);
            assertTrue(Keycloak.userState(admin.username()).sessions() >= 1);
            String revoke = start(tier2, caseId, "revoke-sessions");
            awaitRun(tier2, caseId, revoke, "WAITING_APPROVAL");
            decide(clientAdmin, caseId, revoke, "sign them out everywhere");
            awaitRun(tier2, caseId, revoke, "SUCCEEDED");
            assertEquals(0, Keycloak.userState(admin.username()).sessions());

            // The timeline tells it step by step.
            List<String> actions = given().auth().oauth2(tier2).queryParam("kind", "action")
                    .get(GATEWAY + "/api/v1/cases/" + caseId + "/timeline").then().statusCode(200).extract().jsonPath()
                    .getList("items.summary");
            List<String> containment = actions.stream().map(a -> a.split(" ")[0])
                    .filter(a -> a.startsWith("containment.") || a.equals("case.updated")).toList();
            assertEquals(List.of("case.updated", "containment.run.started", "containment.step.succeeded",
                    "containment.run.succeeded", "case.updated", "containment.run.started", "containment.step.approved",
                    "containment.step.succeeded", "containment.run.succeeded", "containment.run.started",
                    "containment.step.approved", "containment.step.succeeded", "containment.run.succeeded"), containment,
                    actions.toString());

            // Another client learns nothing of it.
            Stack.Client other = Stack.onboard("Containment Flow Other");
            String outsider = Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + other.id()));
            given().auth().oauth2(outsider).get(GATEWAY + "/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(404);
            given().auth().oauth2(outsider).get(GATEWAY + "/api/v1/tenants/" + client.id() + "/connectors").then().statusCode(404);
        } finally {
            directory.shutDown(true);
            edr.stop(0);
        }
    }

    private static String start(String token, String caseId, String playbook) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("playbook", playbook))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201).extract().path("id");
    }

    private static void decide(String token, String caseId, String runId, String note) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("approve", true, "note", note))
                .post(GATEWAY + "/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/decision").then()
                .statusCode(200);
    }

    private static String awaitCase(String token, String tenant) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ids = given().auth().oauth2(token).queryParam("tenantId", tenant).get(GATEWAY + "/api/v1/cases")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no case for tenant " + tenant);
    }

    private static JsonPath awaitRun(String token, String caseId, String runId, String status) throws InterruptedException {
        JsonPath run = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            run = given().auth().oauth2(token).get(GATEWAY + "/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                    .statusCode(200).extract().jsonPath();
            if (status.equals(run.getString("status"))) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " is not " + status + ": " + (run == null ? null : run.prettify()));
    }

    /** As the client's EDR checks a delivery: its own HMAC over "t.body", its own clock. */
    private static boolean verifies(String key, String header, String body) throws Exception {
        String t = header.replaceAll(".*t=(\\d+).*", "$1");
        String v1 = header.replaceAll(".*v1=([0-9a-f]+).*", "$1");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1) && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) <= 300;
    }
}
