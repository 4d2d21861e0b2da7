package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.EventContracts;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containment against a real HTTP receiver standing in for the client's EDR and identity provider: a step the
 * client pre-approved runs at once, signed; one it did not waits for the client's admin (never the provider),
 * and a denial stops the run; connectors never aim at internal addresses; nothing crosses tenants.
 */
@QuarkusTest
class CaseContainmentTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    ObjectMapper mapper;
    @Inject
    io.vigil.cases.containment.service.ContainmentDriver driver;
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;
    @Inject
    MovableClock clock;

    record Received(String path, String signature, String idempotencyKey, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    /** While true, the client's cloud API (path /cloud) answers 500. */
    private volatile boolean cloudDown;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Vigil-Signature"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            byte[] answer = "{\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().startsWith("/slow")) {
                try {
                    Thread.sleep(2_500); // slower than the step allows
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(cloudDown && exchange.getRequestURI().getPath().startsWith("/cloud") ? 500 : 200,
                    answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aPreApprovedIsolationRunsAtOnceSignedAndTheCaseIsContained() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t, List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM")));
        asset(t, "ws-17", "LOW", "production");
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "edr", "/edr");
        String tier1 = CaseSlaTest.token("soc-tier1", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-17", "HIGH", "high", "low"));
        String caseId = (String) CaseSlaTest.awaitCase(tier1, t).get("id");
        given().auth().oauth2(tier1).contentType(ContentType.JSON).body(Map.of("status", "ACKNOWLEDGED"))
                .patch("/api/v1/cases/" + caseId).then().statusCode(200);

        Response started = given().auth().oauth2(tier1).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-host"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs");
        started.then().statusCode(201).body("steps[0].action", equalTo("isolate_host"))
                .body("steps[0].target", equalTo("ws-17")).body("steps[0].status", equalTo("PENDING"))
                .body("steps[0].approval", containsString("pre-approved"));
        String runId = started.path("id");
        Map<String, Object> run = awaitRun(tier1, caseId, runId, "SUCCEEDED");
        assertEquals(1, received.size(), "sent once");
        Received r = received.get(0);
        assertEquals("/edr", r.path());
        assertEquals(runId + ":1", r.idempotencyKey());
        JsonNode body = mapper.readTree(r.body());
        assertEquals("isolate_host", body.path("action").asText());
        assertEquals("ws-17", body.path("target").asText());
        String key = given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/webhook-signing-key").then().statusCode(200)
                .extract().path("key");
        assertTrue(CaseNotificationTest.receiverAccepts(key, r.signature(), r.body(), Instant.now()),
                "the receiver verifies the signature with its own HMAC and clock");
        assertTrue(((List<?>) run.get("steps")).size() == 1);
        // Undo is offered: the release of the isolated host, by its playbook.
        given().auth().oauth2(tier1).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                .body("undo.action", equalTo(List.of("release_host"))).body("undo[0].target", equalTo("ws-17"))
                .body("undo[0].playbook", equalTo("release-host"));

        // The case is CONTAINED, with its KPI time, and the timeline tells the run step by step.
        given().auth().oauth2(tier1).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("status", equalTo("CONTAINED"));
        List<String> actions = given().auth().oauth2(tier1).queryParam("kind", "action").get("/api/v1/cases/" + caseId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("items.summary");
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.run.started")), actions.toString());
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.step.succeeded")), actions.toString());
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.run.succeeded")), actions.toString());

        // Another client's people see nothing of it: 404 as for what does not exist.
        UUID other = UUID.randomUUID();
        String outsider = CaseSlaTest.token("customer-admin", other);
        given().auth().oauth2(outsider).get("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(404);
        given().auth().oauth2(outsider).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then().statusCode(404);
        given().auth().oauth2(outsider).get("/api/v1/tenants/" + t + "/connectors").then().statusCode(404);
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of("kind", "WEBHOOK", "url", "https://x.example"))
                .put("/api/v1/tenants/" + t + "/connectors/edr").then().statusCode(404);
    }

    @Test
    void aStepWithoutPreApprovalWaitsForTheClientsAdminAndADenialStopsTheRun() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t, List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM")));
        asset(t, "srv-db-02", "CRITICAL", "production");
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "sso", "/idp");
        connector(admin, t, "directory", "/directory");
        connector(admin, t, "edr", "/edr");
        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "srv-db-02", "CRITICAL", "critical",
                "critical", p -> ((ObjectNode) p.get("entities")).put("user", "CORP\\svc-backup")));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");

        Response started = given().auth().oauth2(tier2).contentType(ContentType.JSON)
                .body(Map.of("playbook", "credential-theft")).post("/api/v1/cases/" + caseId + "/playbook-runs");
        started.then().statusCode(201).body("status", equalTo("WAITING_APPROVAL"))
                .body("steps.action", equalTo(List.of("revoke_sessions", "disable_account", "isolate_host")))
                .body("steps.status", equalTo(List.of("WAITING_APPROVAL", "WAITING_APPROVAL", "WAITING_APPROVAL")))
                .body("steps[2].approval", containsString("CRITICAL"));
        String runId = started.path("id");
        Thread.sleep(2_000);
        assertEquals(0, received.size(), "nothing runs before the client decides");

        // The provider cannot approve for the client; another client's admin does not even see the run.
        String decision = "/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/decision";
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("approve", true, "note", "go"))
                .post(decision).then().statusCode(403);
        given().auth().oauth2(CaseSlaTest.token("customer-admin", UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "note", "go")).post(decision).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post(decision).then().statusCode(422).contentType("application/problem+json");

        // The client's admin approves ending the sessions: it runs; then denies disabling the account.
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "note", "yes, end every session of svc-backup")).post(decision)
                .then().statusCode(200).body("steps[0].status", equalTo("PENDING"))
                .body("steps[0].decidedBy", equalTo(subject(admin)));
        awaitStep(tier2, caseId, runId, 0, "SUCCEEDED");
        assertEquals(1, received.size());
        assertEquals("/idp", received.get(0).path());
        assertEquals("revoke_sessions", mapper.readTree(received.get(0).body()).path("action").asText());
        assertEquals("corp\\svc-backup", mapper.readTree(received.get(0).body()).path("target").asText().toLowerCase());
        int mailBefore = SmtpServer.greenMail.getReceivedMessages().length;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("approve", false, "note", "svc-backup runs tonight's backups; reset it instead"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/2/decision")
                .then().statusCode(200).body("status", equalTo("DENIED"))
                .body("steps.status", equalTo(List.of("SUCCEEDED", "DENIED", "SKIPPED")));
        // The analyst who started the run hears of the denial at once, with the client's reason.
        assertTrue(SmtpServer.greenMail.waitForIncomingEmail(5_000, mailBefore + 1), "the denial is mailed");
        jakarta.mail.internet.MimeMessage mail = SmtpServer.greenMail.getReceivedMessages()[mailBefore];
        assertEquals(subject(tier2) + "@test.vigil", mail.getAllRecipients()[0].toString());
        assertTrue(mail.getSubject().contains("denied by the client: disable_account"), mail.getSubject());
        assertTrue(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail).contains("reset it instead"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true, "note", "again"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/2/decision").then().statusCode(409);
        Thread.sleep(1_500);
        assertEquals(1, received.size(), "a denied step and those after it are never sent");
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId).then().body("status", equalTo("NEW"));
        List<String> actions = given().auth().oauth2(tier2).queryParam("kind", "action").get("/api/v1/cases/" + caseId + "/timeline")
                .then().extract().jsonPath().getList("items.summary");
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.step.approved")), actions.toString());
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.step.denied") && s.contains("reset it instead")),
                actions.toString());
        assertTrue(actions.stream().anyMatch(s -> s.startsWith("containment.denial.notified") && s.contains("SENT")),
                actions.toString());
        // Each change of the run is announced for reporting (the client's briefing): waiting, approved, denied.
        List<String> announced = new java.util.ArrayList<>();
        for (var m : redis.stream(String.class, String.class, String.class).xrange("case.events",
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
            if ("case.playbook-run.changed".equals(m.payload().get("type"))) {
                com.fasterxml.jackson.databind.JsonNode run = mapper.readTree(m.payload().get("payload"));
                if (run.path("id").asText().equals(runId)) {
                    announced.add(run.path("status").asText() + ":" + run.path("steps").get(0).path("status").asText());
                }
            }
        }
        assertEquals("WAITING_APPROVAL:WAITING_APPROVAL", announced.get(0), announced.toString());
        assertTrue(announced.contains("DENIED:SUCCEEDED"), announced.toString());
    }

    @Test
    void aFailedStepThatAsksWaitsForTheSocAndVigilsOwnStepsRunInTheirTurn() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t, List.of(Map.of("action", "DISABLE_ACCOUNT"), Map.of("action", "REVOKE_SESSIONS")));
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "cloud", "/cloud");
        cloudDown = true;
        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "build-01", "HIGH", "high", "low"));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        awaitObservableCount(tier2, caseId, 2);

        String runId = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "exposed-cloud-key"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201)
                .body("steps.action", equalTo(List.of("disable_account", "revoke_sessions", "create_task", "create_task", "notify")))
                .body("steps[0].onFailure", equalTo("ASK")).extract().path("id");
        // Three attempts against the failing API, then the run waits for the SOC; nothing after the step ran.
        Map<String, Object> waiting = awaitRun(tier2, caseId, runId, "WAITING_DECISION");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) waiting.get("steps");
        assertEquals("FAILED", steps.get(0).get("status"));
        assertEquals(3, steps.get(0).get("attempts"));
        assertEquals(List.of("PENDING", "PENDING", "PENDING", "PENDING"), steps.subList(1, 5).stream().map(x -> x.get("status")).toList());
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/tasks").then().body("items.size()", equalTo(0));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("resolution", "RETRY", "note", "try again"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/resolution").then().statusCode(403);
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("resolution", "CONTINUE", "note", "x"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/2/resolution").then().statusCode(409);
        cloudDown = false;
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("resolution", "RETRY",
                "note", "the cloud API is back")).post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/resolution")
                .then().statusCode(200).body("steps[0].status", equalTo("PENDING"));
        Map<String, Object> done = awaitRun(tier2, caseId, runId, "SUCCEEDED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> after = (List<Map<String, Object>>) done.get("steps");
        assertTrue(String.valueOf(after.get(4).get("detail")).startsWith("told CLIENT_IT through the portal"), after.toString());
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/tasks").then()
                .body("items.title", equalTo(List.of("Rotate the exposed key and delete it at the cloud provider",
                        "Search the cloud audit log for the key's use since it was exposed")))
                .body("items.template", equalTo(List.of("playbook:exposed-cloud-key", "playbook:exposed-cloud-key")));
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/communications").then()
                .body("items.size()", equalTo(1)).body("items[0].channel", equalTo("PORTAL"))
                .body("items[0].body", containsString("identity is disabled until the key is rotated"));
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/timeline?limit=200").then()
                .body("items.summary.findAll { it.startsWith('containment.step.resolved') }.size()", equalTo(1));
    }

    @Test
    void aTenantsOwnPlaybookIsVersionedRunsOnlyForItAndIsCheckedAsAShippedOne() throws Exception {
        UUID t = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        policy(t, List.of(Map.of("action", "ISOLATE_HOST")));
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "edr", "/edr");
        Map<String, Object> playbook = Map.of("title", "Isolate and tell the board", "steps", List.of(
                Map.of("action", "isolate_host", "connector", "edr", "onFailure", "stop"),
                Map.of("action", "notify", "audience", "EXECUTIVE", "note", "A workstation was isolated.")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(playbook)
                .put("/api/v1/tenants/" + t + "/playbooks/isolate-and-tell").then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(playbook)
                .put("/api/v1/tenants/" + t + "/playbooks/isolate-and-tell").then().statusCode(200).body("version", equalTo(2))
                .body("steps.target", equalTo(List.of("host", "case")));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("action", "format_disk", "connector", "edr"))))
                .put("/api/v1/tenants/" + t + "/playbooks/bad").then().statusCode(422)
                .body("detail", containsString("unknown action 'format_disk'"));
        given().auth().oauth2(CaseSlaTest.token("customer-admin", other)).contentType(ContentType.JSON).body(playbook)
                .put("/api/v1/tenants/" + t + "/playbooks/theirs").then().statusCode(404);
        given().auth().oauth2(CaseSlaTest.token("soc-tier1", t)).contentType(ContentType.JSON).body(playbook)
                .put("/api/v1/tenants/" + t + "/playbooks/tier1s").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/playbooks").then().statusCode(200)
                .body("items.name", equalTo(List.of("isolate-and-tell")));

        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-88", "HIGH", "high", "low"));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        awaitObservableCount(tier2, caseId, 1);
        String runId = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-and-tell"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201)
                .body("version", equalTo(2)).extract().path("id");
        awaitRun(tier2, caseId, runId, "SUCCEEDED");
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/communications").then()
                .body("items.audience", equalTo(List.of("EXECUTIVE")));

        String theirs = CaseSlaTest.token("soc-tier2", other);
        publisher.publish("alerts", CaseTriageTest.alert(other, UUID.randomUUID().toString(), "ws-99", "HIGH", "high", "low"));
        String otherCase = (String) CaseSlaTest.awaitCase(theirs, other).get("id");
        given().auth().oauth2(theirs).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-and-tell"))
                .post("/api/v1/cases/" + otherCase + "/playbook-runs").then().statusCode(422)
                .body("detail", containsString("no playbook 'isolate-and-tell'"));
        // A step's timeout bounds each attempt: a receiver slower than it fails the step, saying so.
        connector(admin, t, "slow-edr", "/slow");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("action", "isolate_host",
                "connector", "slow-edr", "timeoutSeconds", 1)))).put("/api/v1/tenants/" + t + "/playbooks/isolate-quickly")
                .then().statusCode(200).body("steps[0].timeoutSeconds", equalTo(1));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("action", "isolate_host",
                "connector", "edr", "timeoutSeconds", 600)))).put("/api/v1/tenants/" + t + "/playbooks/too-patient")
                .then().statusCode(422).body("detail", containsString("timeoutSeconds is 1 to 120"));
        String slow = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-quickly"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201).extract().path("id");
        Map<String, Object> failed = awaitRun(tier2, caseId, slow, "FAILED");
        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) failed.get("steps")).get(0);
        assertEquals("the receiver did not answer within the step's 1 s", step.get("detail"));

        given().auth().oauth2(admin).delete("/api/v1/tenants/" + t + "/playbooks/isolate-and-tell").then().statusCode(204);
        given().auth().oauth2(admin).delete("/api/v1/tenants/" + t + "/playbooks/isolate-and-tell").then().statusCode(404);
    }

    private static void awaitObservableCount(String token, String caseId, int n) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Object> items = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/observables").jsonPath().getList("items");
            if (items != null && items.size() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("case " + caseId + " never had " + n + " observables");
    }

    @Test
    void aConnectorIsNeverAimedAtAnInternalAddressAndAnUnknownPlaybookIsNamed() throws Exception {
        UUID t = UUID.randomUUID();
        String admin = CaseSlaTest.token("customer-admin", t);
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.5/edr", "http://127.0.0.2/edr",
                "http://[::1]/edr", "ftp://edr.example/")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", "WEBHOOK", "url", url))
                    .put("/api/v1/tenants/" + t + "/connectors/edr").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("kind", "CARRIER_PIGEON", "url", "https://edr.example"))
                .put("/api/v1/tenants/" + t + "/connectors/edr").then().statusCode(400).body("detail", containsString("WEBHOOK"));
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/connectors").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().auth().oauth2(CaseSlaTest.token("customer-viewer", t)).contentType(ContentType.JSON)
                .body(Map.of("kind", "WEBHOOK", "url", "https://edr.example")).put("/api/v1/tenants/" + t + "/connectors/edr")
                .then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/playbooks").then().statusCode(200)
                .body("items.name", hasItem("credential-theft")).body("items.name", hasItem("isolate-host"));
        String tier1 = CaseSlaTest.token("soc-tier1", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-9", "LOW", "low", null));
        String caseId = (String) CaseSlaTest.awaitCase(tier1, t).get("id");
        given().auth().oauth2(tier1).contentType(ContentType.JSON).body(Map.of("playbook", "pray"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(422)
                .body("detail", containsString("credential-theft"));
        // No pre-approval at all and no connector: the step waits; approved, it fails and says why.
        Response started = given().auth().oauth2(tier1).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-host"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs");
        started.then().statusCode(201).body("steps[0].status", equalTo("WAITING_APPROVAL"))
                .body("steps[0].approval", containsString("pre-approved nothing"));
        String runId = started.path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true, "note", "ok"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs/" + runId + "/steps/1/decision").then().statusCode(200);
        Map<String, Object> run = awaitRun(tier1, caseId, runId, "FAILED");
        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) run.get("steps")).get(0);
        assertTrue(String.valueOf(step.get("detail")).contains("no connector named 'edr'"), step.toString());
        assertEquals(0, received.size());
    }

    @Test
    void anAutomationRuleIsolatesTheHostOfANewCriticalCaseByItselfAndLeavesOtherCasesAlone() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t, List.of(Map.of("action", "ISOLATE_HOST")));
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "edr", "/edr");
        String manager = CaseSlaTest.token("soc-manager", t);
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("position", 1, "severities", List.of("CRITICAL"), "playbook", "isolate-host"))
                .put("/api/v1/tenants/" + t + "/automation-rules/isolate-critical").then().statusCode(200)
                .body("enabled", equalTo(true));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("position", 2, "playbook", "isolate-host", "expiresAt", "2020-01-01T00:00:00Z"))
                .put("/api/v1/tenants/" + t + "/automation-rules/expired").then().statusCode(200);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("position", 3, "playbook", "pray"))
                .put("/api/v1/tenants/" + t + "/automation-rules/bad").then().statusCode(422);
        given().auth().oauth2(CaseSlaTest.token("soc-manager", UUID.randomUUID())).get("/api/v1/tenants/" + t
                + "/automation-rules").then().statusCode(404);

        String tier1 = CaseSlaTest.token("soc-tier1", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-low", "LOW", "low", null));
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-crit", "CRITICAL", "critical", null));
        List<Map<String, Object>> cases = CaseSlaTest.awaitCases(tier1, t, 2);
        String critical = (String) cases.stream().filter(c -> "CRITICAL".equals(c.get("severity"))).findFirst().orElseThrow()
                .get("id");
        String low = (String) cases.stream().filter(c -> "LOW".equals(c.get("severity"))).findFirst().orElseThrow().get("id");
        Response runs = given().auth().oauth2(tier1).get("/api/v1/cases/" + critical + "/playbook-runs");
        runs.then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].startedBy", equalTo("automation:isolate-critical"));
        awaitRun(tier1, critical, runs.path("items[0].id"), "SUCCEEDED");
        assertEquals("ws-crit", mapper.readTree(received.get(0).body()).path("target").asText());
        given().auth().oauth2(tier1).get("/api/v1/cases/" + low + "/playbook-runs").then().statusCode(200)
                .body("items.size()", equalTo(0));
        assertEquals(1, received.size(), "the expired rule and the non-critical case ran nothing");

        // On update: raising the low case to CRITICAL runs the CASE_UPDATED rule on it, once.
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("position", 4, "severities",
                List.of("CRITICAL"), "playbook", "isolate-host", "trigger", "CASE_UPDATED"))
                .put("/api/v1/tenants/" + t + "/automation-rules/isolate-when-raised").then().statusCode(200)
                .body("trigger", equalTo("CASE_UPDATED"));
        String tier2 = CaseSlaTest.token("soc-tier2", t);
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("labels", List.of("vip")))
                .patch("/api/v1/cases/" + low).then().statusCode(200);
        given().auth().oauth2(tier1).get("/api/v1/cases/" + low + "/playbook-runs").then().body("items.size()", equalTo(0));
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("severity", "CRITICAL",
                "severityReason", "the user is the CFO")).patch("/api/v1/cases/" + low).then().statusCode(200);
        Response raised = given().auth().oauth2(tier1).get("/api/v1/cases/" + low + "/playbook-runs");
        raised.then().body("items.size()", equalTo(1)).body("items[0].startedBy", equalTo("automation:isolate-when-raised"));
        awaitRun(tier1, low, raised.path("items[0].id"), "SUCCEEDED");
        given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("labels", List.of("vip", "cfo")))
                .patch("/api/v1/cases/" + low).then().statusCode(200);
        given().auth().oauth2(tier1).get("/api/v1/cases/" + low + "/playbook-runs").then().body("items.size()", equalTo(1));
        given().auth().oauth2(tier1).get("/api/v1/cases/" + critical + "/playbook-runs").then().body("items.size()", equalTo(1));
    }

    @Test
    void anApprovalThatWaitsTooLongClimbsTheEscalationMatrixAndIsNeverApprovedByItself() throws Exception {
        UUID t = UUID.randomUUID();
        policy(t, List.of()); // nothing pre-approved; approvals escalate after 30 minutes (the example policy)
        String port = String.valueOf(receiver.getAddress().getPort());
        UUID soar = contact(t, "Client SOAR", "http://127.0.0.1:" + port + "/soar");
        UUID ciso = contact(t, "Cleo Ciso", "http://127.0.0.1:" + port + "/ciso");
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.escalation.replaced", 1, Instant.now(),
                mapper.writeValueAsString(Map.of("steps", Map.of("HIGH", List.of(
                        Map.of("contactId", soar, "afterMinutes", 0, "channel", "WEBHOOK"),
                        Map.of("contactId", ciso, "afterMinutes", 15, "channel", "WEBHOOK")))))));
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.escalation_rungs where tenant_id = '" + t + "'", 2);
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.tenant_contacts where tenant_id = '" + t + "'", 2);
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "edr", "/edr");
        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-5", "HIGH", "high", null));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        Instant started = Instant.now();
        String runId = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-host"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201)
                .body("status", equalTo("WAITING_APPROVAL")).extract().path("id");

        // The driver reminds of every overdue approval in the database; this run's reminders are counted here.
        driver.escalateNow(started.plus(Duration.ofMinutes(10)));
        assertEquals(0, reminders(runId).size());
        driver.escalateNow(started.plus(Duration.ofMinutes(31)));
        assertEquals(1, reminders(runId).size());
        driver.escalateNow(started.plus(Duration.ofMinutes(32)));
        assertEquals(1, reminders(runId).size(), "once per period");
        driver.escalateNow(started.plus(Duration.ofMinutes(61)));
        assertEquals(2, reminders(runId).size());
        driver.escalateNow(started.plus(Duration.ofMinutes(91)));
        assertEquals(3, reminders(runId).size(), "the top of the matrix keeps being reminded");
        List<String> paths = reminders(runId).stream().map(Received::path).toList();
        assertEquals(List.of("/soar", "/ciso", "/ciso"), paths);
        JsonNode first = mapper.readTree(reminders(runId).get(0).body());
        assertEquals("containment.approval-overdue", first.path("type").asText());
        assertEquals("isolate_host", first.path("action").asText());
        int waited = first.path("waitedMinutes").asInt(); // the wait began a moment after `started`
        assertTrue(waited == 30 || waited == 31, "waited " + waited);
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                .body("status", equalTo("WAITING_APPROVAL")).body("steps[0].status", equalTo("WAITING_APPROVAL"));
        List<String> actions = given().auth().oauth2(tier2).queryParam("kind", "action").get("/api/v1/cases/" + caseId + "/timeline")
                .then().extract().jsonPath().getList("items.summary");
        assertEquals(3, actions.stream().filter(a -> a.startsWith("containment.approval.overdue")).count(), actions.toString());
    }

    @Test
    void aNamedApproverDecidesThroughTheirOwnLinkOnceAndAnExpiredOrReplayedLinkIsRefused() throws Exception {
        UUID t = UUID.randomUUID();
        String port = String.valueOf(receiver.getAddress().getPort());
        UUID ada = contact(t, "Ada Approver", "http://127.0.0.1:" + port + "/ada");
        UUID bo = contact(t, "Bo Backup", "http://127.0.0.1:" + port + "/bo");
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.tenant_contacts where tenant_id = '" + t + "'", 2);
        policy(t, List.of(), List.of(ada, bo)); // nothing pre-approved; two named approvers
        String admin = CaseSlaTest.token("customer-admin", t);
        connector(admin, t, "edr", "/edr");
        String tier2 = CaseSlaTest.token("soc-tier2", t);
        publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "ws-77", "HIGH", "high", null));
        String caseId = (String) CaseSlaTest.awaitCase(tier2, t).get("id");
        String runId = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-host"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201)
                .body("status", equalTo("WAITING_APPROVAL")).extract().path("id");

        // Each named approver is sent a link of their own, signed, as soon as the step waits.
        Map<String, JsonNode> asked = awaitApprovalRequests(runId, 2);
        assertEquals(java.util.Set.of("/ada", "/bo"), asked.keySet());
        assertTrue(received.stream().filter(r -> r.path().equals("/ada")).allMatch(r -> r.signature() != null));
        String adaLink = asked.get("/ada").path("link").asText();
        String boLink = asked.get("/bo").path("link").asText();
        assertTrue(!adaLink.equals(boLink), "one link per approver");
        assertEquals("Ada Approver", asked.get("/ada").path("approver").path("name").asText());
        String adaPath = java.net.URI.create(adaLink).getPath();
        String boPath = java.net.URI.create(boLink).getPath();

        // Opening the link, with no sign-in, shows the request and decides nothing (mail scanners open links).
        given().get(adaPath).then().statusCode(200).body("state", equalTo("OPEN")).body("approver", equalTo("Ada Approver"))
                .body("action", equalTo("isolate_host")).body("target", equalTo("ws-77"));
        String page = given().accept("text/html").get(adaPath).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<form method=\"post\">") && page.contains("Ada Approver"), page);
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                .body("steps[0].status", equalTo("WAITING_APPROVAL"));
        given().contentType(ContentType.JSON).body(Map.of("approve", true)).post(adaPath).then().statusCode(422)
                .contentType("application/problem+json");
        String tampered = adaPath.substring(0, adaPath.length() - 2) + (adaPath.endsWith("AA") ? "BB" : "AA");
        given().get(tampered).then().statusCode(404).contentType("application/problem+json");
        given().get(adaPath.replace(t.toString(), UUID.randomUUID().toString())).then().statusCode(404);

        // Ada approves: the step runs and the timeline names her.
        given().contentType(ContentType.JSON).body(Map.of("approve", true, "note", "isolate it, we are fine without ws-77"))
                .post(adaPath).then().statusCode(200).body("steps[0].decidedBy", containsString("Ada Approver"));
        awaitRun(tier2, caseId, runId, "SUCCEEDED");
        assertEquals(1, received.stream().filter(r -> r.path().equals("/edr")).count());
        List<Map<String, Object>> timeline = given().auth().oauth2(tier2).queryParam("kind", "action")
                .get("/api/v1/cases/" + caseId + "/timeline").then().extract().jsonPath().getList("items");
        assertTrue(timeline.stream().anyMatch(e -> "contact:Ada Approver".equals(e.get("actor"))
                && String.valueOf(e.get("summary")).startsWith("containment.step.approved")), timeline.toString());
        assertEquals(2, timeline.stream().filter(e -> String.valueOf(e.get("summary"))
                .startsWith("containment.approval.requested")).count(), timeline.toString());

        // The same link again, or Bo's link for the decided step: refused, saying why.
        given().contentType(ContentType.JSON).body(Map.of("approve", false, "note", "replayed")).post(adaPath).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("works once"));
        given().contentType(ContentType.JSON).body(Map.of("approve", false, "note", "too late")).post(boPath).then()
                .statusCode(409).body("detail", containsString("Ada Approver"));
        given().get(adaPath).then().body("state", equalTo("USED")).body("decision", equalTo("APPROVED"));

        // A second run asks again; a link past its expiry (24 hours) is refused and the step keeps waiting.
        String second = given().auth().oauth2(tier2).contentType(ContentType.JSON).body(Map.of("playbook", "isolate-host"))
                .post("/api/v1/cases/" + caseId + "/playbook-runs").then().statusCode(201).extract().path("id");
        String late = java.net.URI.create(awaitApprovalRequests(second, 2).get("/bo").path("link").asText()).getPath();
        clock.set(Instant.now().plus(Duration.ofHours(25)));
        try {
            given().contentType(ContentType.JSON).body(Map.of("approve", true, "note", "after a day")).post(late).then()
                    .statusCode(410).contentType("application/problem+json").body("detail", containsString("expired"));
            given().get(late).then().body("state", equalTo("EXPIRED"));
        } finally {
            clock.reset();
        }
        given().auth().oauth2(tier2).get("/api/v1/cases/" + caseId + "/playbook-runs/" + second).then()
                .body("status", equalTo("WAITING_APPROVAL")).body("steps[0].status", equalTo("WAITING_APPROVAL"));

        // A contact taken off the policy's approvers can no longer use a link it was sent.
        String stillOpen = java.net.URI.create(awaitApprovalRequests(second, 2).get("/ada").path("link").asText()).getPath();
        policy(t, List.of(), List.of(bo));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 403) {
            status = given().contentType(ContentType.JSON).body(Map.of("approve", true, "note", "no longer mine"))
                    .post(stillOpen).then().extract().statusCode();
            Thread.sleep(200);
        }
        assertEquals(403, status);
    }

    /** The approval requests the receiver got for this run, by the path they were sent to. */
    private Map<String, JsonNode> awaitApprovalRequests(String runId, int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, JsonNode> byPath = new java.util.HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            byPath.clear();
            for (Received r : received) {
                JsonNode body = r.body().startsWith("{") ? mapper.readTree(r.body()) : null;
                if (body != null && "containment.approval-requested".equals(body.path("type").asText())
                        && runId.equals(body.path("runId").asText())) {
                    byPath.put(r.path(), body);
                }
            }
            if (byPath.size() >= n) {
                return byPath;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("approval requests of run " + runId + ": " + byPath);
    }

    private UUID contact(UUID tenant, String name, String webhook) throws Exception {
        return CaseNotificationTest.contact(publisher, mapper, tenant, name, null, webhook);
    }

    /** The approval reminders the receiver got for this run. */
    private List<Received> reminders(String runId) {
        return received.stream().filter(r -> r.body().contains("\"runId\":\"" + runId + "\"")).toList();
    }

    private void policy(UUID t, List<Map<String, Object>> rules) throws Exception {
        policy(t, rules, null);
    }

    /** Replaces the tenant's policy; {@code approvers} null keeps the example's. */
    private void policy(UUID t, List<Map<String, Object>> rules, List<UUID> approvers) throws Exception {
        ObjectNode p = (ObjectNode) EventContracts.examples("tenant.containment-policy.replaced").get(0).deepCopy();
        p.set("rules", mapper.valueToTree(rules));
        if (approvers != null) {
            p.set("approvers", mapper.valueToTree(approvers));
        }
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.containment-policy.replaced", 1,
                Instant.now(), mapper.writeValueAsString(p)));
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.containment_policies where tenant_id = '" + t + "'", 1);
    }

    private void asset(UUID t, String host, String criticality, String environment) throws Exception {
        ObjectNode a = (ObjectNode) EventContracts.examples("tenant.asset.created").get(0).deepCopy();
        a.put("id", UUID.randomUUID().toString()).put("tenantId", t.toString()).put("hostname", host)
                .put("fqdn", host + ".corp.example").put("criticality", criticality).put("environment", environment);
        publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.asset.created", 1, Instant.now(),
                mapper.writeValueAsString(a)));
        CaseSlaTest.awaitFacts(t, "select count(*) from cases.asset_facts where tenant_id = '" + t + "'", 1);
    }

    private void connector(String admin, UUID t, String name, String path) {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", "webhook", "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + path))
                .put("/api/v1/tenants/" + t + "/connectors/" + name).then().statusCode(200).body("kind", equalTo("WEBHOOK"));
    }

    private static String subject(String token) {
        String payload = token.split("\\.")[1];
        String json = new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        // The name Quarkus gives the caller: upn, else preferred_username, else sub (Keycloak sends the second).
        return json.replaceAll(".*\"preferred_username\":\"([^\"]+)\".*", "$1");
    }

    private static Map<String, Object> awaitRun(String token, String caseId, String runId, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Object> run = Map.of();
        while (Instant.now().isBefore(deadline)) {
            run = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                    .statusCode(200).extract().jsonPath().getMap("");
            if (status.equals(run.get("status"))) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " is not " + status + ": " + run);
    }

    private static void awaitStep(String token, String caseId, String runId, int index, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Object now = null;
        while (Instant.now().isBefore(deadline)) {
            now = given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/playbook-runs/" + runId).then()
                    .extract().path("steps[" + index + "].status");
            if (status.equals(now)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("step " + index + " of run " + runId + " is " + now + ", not " + status);
    }
}
