package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The first run's demo MSSP: ./vigil demo seed against the running stack, then demo.json read as a script
 * would: every demo user signs in, the night-shift tier 1 sees the replayed attack as cases of all three
 * clients through the gateway, and each client's CIO sees their own client's cases only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void stack() throws Exception {
        ThinSliceIT.stack(); // the stack without its demo: this test seeds it
    }

    @Test
    @Order(1)
    void theDemoSeedsThreeClientsWhoseUsersSignInAndSeeTheirOwnCases() throws Exception {
        Path file = VigilInfra.root().resolve(".vigil/demo.json");
        assertEquals(0, vigil("demo", "seed"), "./vigil demo seed failed: see .vigil/logs/e2e.log");
        JsonNode demo = JSON.readTree(file.toFile());
        assertEquals(3, demo.path("tenants").size());
        Set<String> models = new HashSet<>();
        demo.path("tenants").forEach(t -> models.add(t.path("socModel").asText()));
        assertEquals(Set.of("MANAGED", "HYBRID", "VIRTUAL"), models);
        assertEquals(11, demo.path("users").size(), "five staff and a CIO and an approver per client");

        String tier1 = null;
        for (JsonNode u : demo.path("users")) {
            String token = Keycloak.passwordToken(u.path("username").asText(), u.path("password").asText());
            if (u.path("username").asText().equals("demo.tier1")) {
                tier1 = token;
            }
            if (u.path("roles").get(0).asText().equals("customer-viewer")) {
                String own = u.path("tenantIds").get(0).asText();
                List<String> tenants = given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/cases?limit=500").then()
                        .statusCode(200).extract().jsonPath().getList("items.tenantId", String.class);
                assertTrue(tenants.size() >= 6, u.path("username").asText() + " sees the attack's cases: " + tenants.size());
                assertEquals(Set.of(own), Set.copyOf(tenants), u.path("username") + " sees their own client only");
            }
        }
        // Each client's CIO downloads this month's report of their own organisation, and only theirs.
        java.util.Map<String, String> cio = new java.util.HashMap<>();
        for (JsonNode u : demo.path("users")) {
            if (u.path("roles").get(0).asText().equals("customer-viewer")) {
                cio.put(u.path("tenantIds").get(0).asText(), Keycloak.passwordToken(u.path("username").asText(),
                        u.path("password").asText()));
            }
        }
        List<String> reports = new java.util.ArrayList<>();
        demo.path("tenants").forEach(t -> reports.add(t.path("monthlyReport").asText()));
        for (JsonNode t : demo.path("tenants")) {
            String url = t.path("monthlyReport").asText();
            byte[] pdf = given().auth().oauth2(cio.get(t.path("id").asText())).get(url).then().statusCode(200)
                    .contentType("application/pdf").extract().asByteArray();
            assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), url);
            String other = reports.stream().filter(r -> !r.equals(url)).findFirst().orElseThrow();
            given().auth().oauth2(cio.get(t.path("id").asText())).get(other).then().statusCode(404);
        }
        // Each CIO's ATT&CK matrix carries the coverage detection-service announced: every rule that fired on the
        // client's events is one its events can make fire.
        for (JsonNode t : demo.path("tenants")) {
            String url = Stack.GATEWAY + "/api/v1/reports/tenants/" + t.path("id").asText() + "/attack";
            io.restassured.path.json.JsonPath m = null;
            for (int i = 0; i < 240 && (m == null || m.get("coverage") == null || m.getInt("coverage.reachableRules") < 6); i++) {
                if (m != null) {
                    Thread.sleep(500);
                }
                m = given().auth().oauth2(cio.get(t.path("id").asText())).get(url).then().statusCode(200).extract().jsonPath();
            }
            assertTrue(m.get("coverage") != null && m.getInt("coverage.reachableRules") >= 6,
                    t.path("name") + ": the six rules that fired can fire: " + m.get("coverage"));
            assertTrue(m.getInt("coverage.coveredTechniques") >= 1, t.path("name").asText());
        }
        java.util.Map<String, Integer> alerts = new java.util.HashMap<>();
        for (JsonNode t : demo.path("tenants")) {
            var page = given().auth().oauth2(tier1).queryParam("tenantId", t.path("id").asText()).queryParam("limit", 500)
                    .get(Stack.GATEWAY + "/api/v1/cases").then().statusCode(200).extract();
            assertEquals(6, Integer.parseInt(page.header("X-Total-Count")),
                    t.path("name") + ": six rules fired, certutil's two downloads share a case");
            int n = page.jsonPath().getList("items.alertCount", Integer.class).stream().mapToInt(Integer::intValue).sum();
            assertEquals(0, n % 7, t.path("name") + ": seven alerts per replay, " + n);
            alerts.put(t.path("id").asText(), n);
            assertEquals("CRITICAL", page.jsonPath().getString("items[0].severity"),
                    "a high rule on a workstation the client rates high: weighed up by the inventory");
            // The automation rule ran credential-theft on the critical case; its first step waits for the client.
            String critical = page.jsonPath().getString("items[0].id");
            var runs = given().auth().oauth2(tier1).get(Stack.GATEWAY + "/api/v1/cases/" + critical + "/playbook-runs")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("automation:contain-critical", runs.getString("items[0].startedBy"), t.path("name").asText());
            // (a stack reused from an earlier run may hold the browser test's approval: then the run went on)
            assertTrue("WAITING_APPROVAL".equals(runs.getString("items[0].status"))
                    || runs.getString("items[0].steps[0].decidedBy") != null, t.path("name") + ": a pending approval");
        }

        // Run again (a user resetting the demo): it finds what exists, the new passwords work, and the
        // attack replayed into the same clients joins the same six cases.
        assertEquals(0, vigil("demo", "seed"), "a second ./vigil demo seed failed: see .vigil/logs/e2e.log");
        JsonNode again = JSON.readTree(file.toFile());
        assertEquals(demo.path("tenants").get(0).path("id"), again.path("tenants").get(0).path("id"), "the same clients");
        JsonNode tier1Again = again.path("users").get(0);
        String token = Keycloak.passwordToken(tier1Again.path("username").asText(), tier1Again.path("password").asText());
        for (JsonNode t : again.path("tenants")) {
            var page = given().auth().oauth2(token).queryParam("tenantId", t.path("id").asText()).queryParam("limit", 500)
                    .get(Stack.GATEWAY + "/api/v1/cases").then().statusCode(200).extract();
            assertEquals(6, Integer.parseInt(page.header("X-Total-Count")), t.path("name") + ": the same six cases");
            assertEquals(alerts.get(t.path("id").asText()) + 7, page.jsonPath().getList("items.alertCount", Integer.class)
                    .stream().mapToInt(Integer::intValue).sum(), t.path("name") + ": seven more alerts");
        }
    }

    /**
     * The portal in Debian's chromium (e2e-tests/browser/portal.mjs): a client's CIO signs in on Keycloak's page,
     * reads the overview's charts, the confirmed incident's briefing and the ATT&CK and compliance views, downloads
     * the month's PDF, on a laptop and a phone; then the client's admin approves the waiting containment step, and
     * case-service's run shows it decided by that admin. Screenshots land in e2e-tests/target/portal.
     */
    @Test
    @Order(2)
    void theClientsPeopleUseThePortalInABrowserAndTheAdminsApprovalReachesTheRun() throws Exception {
        JsonNode demo = JSON.readTree(VigilInfra.root().resolve(".vigil/demo.json").toFile());
        String staff = Keycloak.passwordToken(demo.path("users").get(0).path("username").asText(),
                demo.path("users").get(0).path("password").asText());
        JsonNode tenant = null;
        for (JsonNode t : demo.path("tenants")) { // a client whose incident still waits (a reused stack used some)
            if (t.hasNonNull("incident") && tenant == null && "WAITING_APPROVAL".equals(given().auth().oauth2(staff)
                    .get(Stack.GATEWAY + "/api/v1/cases/" + t.path("incident").asText() + "/playbook-runs").then()
                    .statusCode(200).extract().jsonPath().getString("items[0].status"))) {
                tenant = t;
            }
        }
        assertTrue(tenant != null, "the demo confirmed a critical incident waiting for its client: " + demo.path("tenants"));
        String id = tenant.path("id").asText();
        JsonNode cio = null;
        JsonNode admin = null;
        for (JsonNode u : demo.path("users")) {
            if (u.path("tenantIds").toString().contains(id)) {
                if (u.path("roles").get(0).asText().equals("customer-viewer")) {
                    cio = u;
                } else if (u.path("roles").get(0).asText().equals("customer-admin")) {
                    admin = u;
                }
            }
        }
        Path browser = VigilInfra.root().resolve("e2e-tests/browser");
        ProcessBuilder pb = new ProcessBuilder("node", "portal.mjs").directory(browser.toFile()).redirectErrorStream(true);
        pb.environment().putAll(java.util.Map.of("PORTAL", demo.path("urls").path("portal").asText(),
                "CIO", cio.path("username").asText(), "CIO_PASSWORD", cio.path("password").asText(),
                "ADMIN", admin.path("username").asText(), "ADMIN_PASSWORD", admin.path("password").asText(),
                "INCIDENT", tenant.path("incident").asText(),
                "OUT", VigilInfra.root().resolve("e2e-tests/target/portal").toString()));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the browser test ran over three minutes");
        assertEquals(0, p.exitValue(), "the portal in chromium: " + output);
        JsonNode seen = JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow());
        assertEquals(tenant.path("name").asText(), seen.path("tenant").asText());
        assertTrue(seen.path("pdf").asText().endsWith(".pdf"));

        // case-service took the admin's decision: the step is approved by them and the run went on.
        String tier1 = Keycloak.passwordToken(demo.path("users").get(0).path("username").asText(),
                demo.path("users").get(0).path("password").asText());
        var run = given().auth().oauth2(tier1).get(Stack.GATEWAY + "/api/v1/cases/" + tenant.path("incident").asText()
                + "/playbook-runs").then().statusCode(200).extract().jsonPath();
        assertEquals(admin.path("username").asText(), run.getString("items[0].steps[0].decidedBy"));
        assertTrue(!"WAITING_APPROVAL".equals(run.getString("items[0].steps[0].status")), run.prettify());
    }

    private static int vigil(String... args) throws Exception {
        Path root = VigilInfra.root();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(root.resolve("vigil").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".vigil/logs/e2e.log").toFile())).start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
