package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CIO portal as people use it: signed in on Keycloak's own login page (authorization-code flow), each
 * client's people inside their own organisation only, provider staff picking among theirs, a client admin's
 * decision carried to case-service with the admin's own token, and signing out ending the session.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalTest {

    /** Where the test's stand-in for case-service listens (%test.vigil.reporting.case-service-url). */
    static final int CASE_SERVICE_PORT = 58083;

    @Inject
    StreamPublisher publisher;
    @Inject
    ObjectMapper mapper;
    @TestHTTPResource("/")
    URL root;

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID aCase = UUID.randomUUID();
    final UUID bCase = UUID.randomUUID();
    final UUID run = UUID.randomUUID();
    final String month = YearMonth.now(ZoneId.of("Europe/Paris")).toString();
    Keycloak.User viewerA;
    Keycloak.User adminA;
    Keycloak.User staff;
    boolean ready;

    @BeforeAll
    void twoClients() throws Exception {
        ObjectNode coverage = ((ObjectNode) EventContracts.examples("detection.coverage.changed").get(0).deepCopy())
                .put("tenantId", a.toString()).put("computedAt", Instant.now().toString());
        publisher.publish("detection.events", new Envelope(a, UUID.randomUUID(), "detection.coverage.changed", 1, Instant.now(),
                coverage.toString()));
        tenant(a, "Acme Portal Bank", "Europe/Paris");
        tenant(b, "Globex Portal Works", "America/New_York");
        Instant now = Instant.now();
        incident(a, aCase, 7, "Ransomware on a finance workstation", "CRITICAL", now.minusSeconds(900));
        incident(b, bCase, 3, "Globex only: phishing of the CFO", "HIGH", now.minusSeconds(1800));
        waitingRun(a, aCase, now.minusSeconds(600));
        logSource(a, "Sysmon on workstations", 1_843_227);
        Keycloak.tenantGroup(a);
        Keycloak.tenantGroup(b);
        viewerA = Keycloak.user(List.of("customer-viewer"), List.of("/tenants/" + a));
        adminA = Keycloak.user(List.of("customer-admin"), List.of("/tenants/" + a));
        staff = Keycloak.user(List.of("soc-tier2"), List.of("/tenants/" + a, "/tenants/" + b));
    }

    /** Once the port is known: the realm lets this run's port be a redirect target; the read model caught up. */
    @BeforeEach
    void readModelCaughtUp() throws Exception {
        if (ready) {
            return;
        }
        Keycloak.allowRedirect("reporting-service", "http://127.0.0.1:" + root.getPort() + "/portal/*");
        String token = viewerA.token();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Object> decisions = given().auth().oauth2(token).get("/api/v1/reports/tenants/" + a + "/incidents/" + aCase)
                    .then().extract().jsonPath().getList("decisionsNeeded");
            if (decisions != null && decisions.size() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        given().auth().oauth2(adminA.token()).post("/api/v1/reports/tenants/" + a + "/monthly/" + month).then()
                .statusCode(201);
        ready = true;
    }

    String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    @Test
    void aClientsViewerSignsInOnKeycloaksPageAndSeesTheirOwnOrganisationOnly() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> home = browser.signIn(url("/portal"), viewerA.username(), viewerA.password());
        assertEquals(200, home.statusCode(), home.body());
        assertEquals("/portal/t/" + a, home.uri().getPath(), "one organisation: straight to its overview");
        String overview = home.body();
        assertTrue(overview.contains("Acme Portal Bank"), overview);
        assertTrue(overview.contains("#7 Ransomware on a finance workstation"), "the open incident is listed");
        assertTrue(overview.contains("<svg viewBox=\"0 0 600 220\" role=\"img\""), "the trend chart is drawn");
        assertTrue(overview.contains("1 high or critical"), "the chart tells its figures in words");
        assertTrue(overview.contains(">1</p><p>decision waiting for you"), "the waiting decision is counted");
        assertTrue(overview.contains("<th scope=\"row\">Sysmon on workstations</th><td>ok</td><td>1,843,227</td>"),
                "each log source's health and events this month");
        assertFalse(overview.contains("Globex"), "nothing of the other client");

        String incidents = browser.get(url("/portal/t/" + a + "/incidents")).body();
        assertTrue(incidents.contains("#7 Ransomware on a finance workstation"));
        assertFalse(incidents.contains("phishing of the CFO"));

        HttpResponse<String> briefing = browser.get(url("/portal/t/" + a + "/incidents/" + aCase));
        assertEquals(200, briefing.statusCode());
        assertTrue(briefing.body().contains("What you must decide"), "the briefing names the pending decision");
        assertTrue(briefing.body().contains("Cut the host fin-ws-01 off the network"), "in business terms");

        String approvals = browser.get(url("/portal/t/" + a + "/approvals")).body();
        assertTrue(approvals.contains("Your organisation's admins decide this step."), "a viewer sees, but may not decide");
        assertFalse(approvals.contains("name=\"form-token\""));

        HttpResponse<byte[]> pdf = browser.bytes(url("/portal/t/" + a + "/reports/" + month + ".pdf"));
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
        assertTrue(browser.get(url("/portal/t/" + a + "/reports")).body().contains("/reports/" + month + ".pdf"));

        // The other client's pages, its incident under this client's address, and its report: not found.
        for (String path : List.of("/portal/t/" + b, "/portal/t/" + b + "/incidents", "/portal/t/" + a + "/incidents/" + bCase,
                "/portal/t/" + b + "/approvals", "/portal/t/" + b + "/attack", "/portal/t/" + b + "/compliance")) {
            HttpResponse<String> other = browser.get(url(path));
            assertEquals(404, other.statusCode(), path);
            assertTrue(other.body().contains("<h1>Not found</h1>"), "an error is a page too: " + path);
            assertFalse(other.body().contains("Globex"), path);
        }
        assertEquals(404, browser.bytes(url("/portal/t/" + b + "/reports/" + month + ".pdf")).statusCode());

        String attack = browser.get(url("/portal/t/" + a + "/attack")).body();
        for (int i = 0; i < 100 && !attack.contains("What your monitoring can see"); i++) {
            Thread.sleep(100);
            attack = browser.get(url("/portal/t/" + a + "/attack")).body();
        }
        assertTrue(attack.contains("Impact"), "every tactic shows, the empty ones too");
        assertTrue(attack.contains("T1486"), "the case's technique is under its tactic");
        // The coverage detection announced (the contract's example): T1059 and T1187 watched, one rule waits for scripts.
        assertTrue(attack.contains("<strong>2 of "), "two techniques watched");
        assertTrue(attack.contains("2 of the 3 rules switched on for you can fire"), "rules in words");
        assertTrue(attack.contains("windows/ps_script</span> 1 rule<"), "what the blind rule waits for");
        assertTrue(attack.contains("Not watched ("), "the gaps are named per stage");
        String compliance = browser.get(url("/portal/t/" + a + "/compliance")).body();
        assertTrue(compliance.contains("NIST CSF 2.0") && compliance.contains("A.5.26"), "both frameworks");
    }

    @Test
    void providerStaffPickAmongTheTenantsTheyServe() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> home = browser.signIn(url("/portal"), staff.username(), staff.password());
        assertEquals("/portal", home.uri().getPath());
        assertTrue(home.body().contains("Acme Portal Bank") && home.body().contains("Globex Portal Works"), home.body());
        // As the SOC manager sees them: this month's figures, the open critical incident's client first.
        assertTrue(home.body().contains("Open critical"), home.body());
        assertTrue(home.body().indexOf("Acme Portal Bank") < home.body().indexOf("Globex Portal Works"), home.body());
        assertTrue(java.util.regex.Pattern.compile("Acme Portal Bank</a></th>\\s*<td>[^<]*</td><td>1</td><td>1</td><td>1</td>")
                .matcher(home.body()).find(), "one case, open, critical: " + home.body());
        String globex = browser.get(url("/portal/t/" + b + "/incidents")).body();
        assertTrue(globex.contains("phishing of the CFO"));
        assertTrue(globex.contains("Switch client"));
    }

    @Test
    void anAdminsDecisionReachesCaseServiceWithTheirOwnTokenAndAFormFromElsewhereIsRefused() throws Exception {
        List<String[]> calls = new CopyOnWriteArrayList<>();
        HttpServer caseService = HttpServer.create(new InetSocketAddress("127.0.0.1", CASE_SERVICE_PORT), 0);
        caseService.createContext("/api/v1/cases/", exchange -> {
            calls.add(new String[] {exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            byte[] answer = ("{\"id\":\"" + run + "\",\"status\":\"RUNNING\",\"steps\":[{\"position\":1,\"status\":\"RUNNING\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        caseService.start();
        try {
            Browser browser = new Browser();
            browser.signIn(url("/portal"), adminA.username(), adminA.password());
            String page = browser.get(url("/portal/t/" + a + "/approvals")).body();
            String token = Browser.input(page, "form-token");
            Map<String, String> form = new java.util.HashMap<>(Map.of("caseId", aCase.toString(), "runId", run.toString(),
                    "step", "1", "decision", "approve", "note", "Go ahead, the workstation can be isolated"));

            // A form made elsewhere (no token, or another session's) changes nothing.
            assertEquals(403, browser.post(url("/portal/t/" + a + "/approvals"), form).statusCode());
            form.put("form-token", "0".repeat(64));
            assertEquals(403, browser.post(url("/portal/t/" + a + "/approvals"), form).statusCode());
            form.put("form-token", token);
            form.put("note", " ");
            HttpResponse<String> noReason = browser.post(url("/portal/t/" + a + "/approvals"), form);
            assertEquals(400, noReason.statusCode());
            assertTrue(noReason.body().contains("say why"), noReason.body());
            assertEquals(0, calls.size(), "nothing reached case-service");

            form.put("note", "Go ahead, the workstation can be isolated");
            HttpResponse<String> sent = browser.postOnce(url("/portal/t/" + a + "/approvals"), form);
            assertEquals(303, sent.statusCode());
            assertTrue(sent.headers().firstValue("Location").orElse("").endsWith("/portal/t/" + a + "/approvals?done=approved"));
            assertEquals(1, calls.size());
            assertEquals("/api/v1/cases/" + aCase + "/playbook-runs/" + run + "/steps/1/decision", calls.get(0)[0]);
            JsonNode claims = claims(calls.get(0)[1]);
            assertEquals(adminA.username(), claims.path("preferred_username").asText(), "the admin's own token");
            assertTrue(claims.path("aud").toString().contains("vigil-api"), "a token the API takes");
            JsonNode body = mapper.readTree(calls.get(0)[2]);
            assertTrue(body.path("approve").asBoolean());
            assertEquals("Go ahead, the workstation can be isolated", body.path("note").asText());
            assertTrue(browser.get(url("/portal/t/" + a + "/approvals?done=approved")).body().contains("Approved: the SOC runs"));

            // A viewer's session cannot decide, whatever it posts.
            Browser viewer = new Browser();
            viewer.signIn(url("/portal"), viewerA.username(), viewerA.password());
            form.put("form-token", token);
            assertEquals(403, viewer.post(url("/portal/t/" + a + "/approvals"), form).statusCode());
            assertEquals(1, calls.size());
        } finally {
            caseService.stop(0);
        }
    }

    @Test
    void signingOutEndsTheSessionAtKeycloakToo() throws Exception {
        Browser browser = new Browser();
        assertEquals(200, browser.signIn(url("/portal"), viewerA.username(), viewerA.password()).statusCode());
        HttpResponse<String> out = browser.get(url("/portal/logout"));
        assertEquals(200, out.statusCode());
        assertEquals("/portal/signed-out", out.uri().getPath());
        assertTrue(out.body().contains("You are signed out"));
        HttpResponse<String> again = browser.get(url("/portal"));
        assertTrue(again.body().contains("kc-form-login"), "the next page asks to sign in again");
    }

    private JsonNode claims(String authorization) throws Exception {
        String jwt = authorization.substring("Bearer ".length());
        return mapper.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private void tenant(UUID t, String name, String zone) throws Exception {
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.created").get(0).deepCopy()).put("id", t.toString())
                .put("name", name).put("slug", "p-" + t.toString().substring(0, 8)).put("timeZone", zone);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.created", 1, Instant.now(), p.toString()));
    }

    /** A log source of the tenant, healthy, and its count of events today (UTC). */
    private void logSource(UUID t, String name, long events) throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode p = ((ObjectNode) EventContracts.examples("tenant.log-source.created").get(0).deepCopy())
                .put("id", id.toString()).put("tenantId", t.toString()).put("name", name).put("health", "OK")
                .put("lastSeenAt", Instant.now().toString()).putNull("silentSince");
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.log-source.created", 1, Instant.now(),
                p.toString()));
        ObjectNode c = ((ObjectNode) EventContracts.examples("tenant.log-source.counted").get(0).deepCopy())
                .put("logSourceId", id.toString()).put("tenantId", t.toString()).put("name", name)
                .put("day", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()).put("events", events)
                .put("countedAt", Instant.now().toString());
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.log-source.counted", 1, Instant.now(),
                c.toString()));
    }

    /** A case the SOC confirmed (in progress), on host fin-ws-01, seen as impact (data encrypted). */
    private void incident(UUID t, UUID id, int number, String title, String severity, Instant created) throws Exception {
        ObjectNode msg = (ObjectNode) EventContracts.examples("case.created").get(0).deepCopy();
        ObjectNode f = (ObjectNode) msg.get("caseFile");
        f.put("id", id.toString()).put("tenantId", t.toString()).put("number", number).put("title", title)
                .put("severity", severity).put("priorityLabel", "P1").put("status", "IN_PROGRESS").put("version", 1)
                .put("acknowledgedAt", created.plusSeconds(120).toString()).put("createdTimeUtc", created.toString())
                .put("firstActivityTimeUtc", created.minusSeconds(60).toString()).put("lastActivityTimeUtc", created.toString());
        ((ArrayNode) f.putArray("hosts")).add("fin-ws-01");
        f.putArray("tactics").add("impact");
        f.putArray("techniques").add("T1486");
        msg.putObject("change").put("by", "tier1.analyst").put("at", created.toString()).putArray("fields");
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case.updated", 1, created, msg.toString()));
    }

    /** The ransomware playbook's first step, isolating the host, waits for the client's admin. */
    private void waitingRun(UUID t, UUID caseId, Instant at) throws Exception {
        ObjectNode r = (ObjectNode) EventContracts.examples("case.playbook-run.changed").get(0).deepCopy();
        r.put("id", run.toString()).put("tenantId", t.toString()).put("caseId", caseId.toString())
                .put("playbook", "ransomware-workstation").put("status", "WAITING_APPROVAL").put("startedAt", at.toString())
                .put("startedBy", "automation");
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("position", 1).put("action", "isolate_host").put("target", "fin-ws-01")
                .put("status", "WAITING_APPROVAL").put("approval", "no pre-approval for a CRITICAL asset").put("attempts", 0)
                .put("waitingSince", at.toString());
        publisher.publish("case.events", new Envelope(t, UUID.randomUUID(), "case.playbook-run.changed", 1, at, r.toString()));
    }
}
