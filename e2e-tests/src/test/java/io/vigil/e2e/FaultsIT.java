package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ordinary operations that used to lose data, on the packaged stack: detection-service killed while a
 * backlog waits for it (its consumers matched the backlog against a catalog not loaded yet, and 6,000
 * events raised no alert), and PostgreSQL down while telemetry keeps arriving (accepted events went to
 * dead-letter after a few deliveries). Each counts alerts against what the same input raises undisturbed:
 * nothing lost, nothing doubled. Part of {@code ./vigil test faults}; CI runs these two.
 *
 * <p>{@code ./vigil test faults} adds the rest ({@code -Dvigil.faults.all=true}): each part killed with -9 while
 * a shipper keeps sending, as log shippers do (each batch under its own Idempotency-Key, sent again on any
 * failure until it is answered 202), then started again: the gateway, case-service, Redis, Keycloak and
 * PostgreSQL (its whole process tree, as a machine losing power would).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    static final String DETECTION = Stack.DETECTION;
    static final String CASES = Stack.CASES;
    /** Short redelivery clock for detection in these runs: the old code dead-lettered within seconds. */
    static final Map<String, String> QUICK_REDELIVERY = Map.of("VIGIL_STREAMS_RECLAIM_IDLE", "PT2S",
            "VIGIL_STREAMS_MAX_DELIVERIES", "3");

    /** How long PostgreSQL stays down: 25 s in CI, longer with ./vigil test faults --long (200 s). */
    static final int OUTAGE_SECONDS = Integer.getInteger("vigil.faults.outage-seconds", 25);

    static String tenant;
    static String key;
    static String analyst;
    static List<String> events;

    @BeforeAll
    static void client() throws Exception {
        ThinSliceIT.stack();
        Stack.Client c = Stack.onboard("Faults Client");
        tenant = c.id();
        key = c.key();
        Stack.loadRule();
        events = Stack.labelledEvents();
        analyst = Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + tenant));
        Thread.sleep(6_000); // the gateway's key directory cache
    }

    @Test
    @Order(1)
    void aDetectionServiceKilledWithABacklogWaitingMatchesAllOfItAfterItsRestart() throws Exception {
        int before = alerts().size();
        kill("detection-service");
        int batches = 30;
        send(batches);
        assertEquals(0, restart(QUICK_REDELIVERY), "./vigil up did not bring detection-service back");
        int expected = before + batches * events.size();
        List<String> alerts = awaitAlerts(expected, Duration.ofSeconds(90));
        System.out.printf("faults: detection restart: %d events in backlog, %d alerts expected, %d raised%n",
                batches * events.size(), expected - before, alerts.size() - before);
        assertEquals(expected, alerts.size(), "every event of the backlog was matched against the loaded catalog");
        assertEquals(alerts.size(), new HashSet<>(alerts).size(), "no alert twice");
    }

    @Test
    @Order(2)
    void telemetryAcceptedWhilePostgresqlIsDownIsDetectedOnceItIsBackAndNothingIsDeadLettered() throws Exception {
        int before = alerts().size();
        long deadBefore = deadLettered();
        assertEquals(0, vigil(Map.of(), "infra", "stop", "postgres"));
        boolean sawNotReady = false;
        try {
            int batches = 20;
            send(batches);
            long until = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
            while (System.nanoTime() < until) { // several times the redelivery clock: the old code dead-lettered
                sawNotReady |= given().get(Stack.DETECTION_MANAGEMENT + "/q/health/ready").statusCode() == 503;
                Thread.sleep(500);
            }
            int expected = before + batches * events.size();
            assertEquals(0, vigil(Map.of(), "infra", "start", "postgres"));
            List<String> alerts = awaitAlerts(expected, Duration.ofSeconds(90));
            System.out.printf("faults: PostgreSQL outage of %d s: %d events accepted while down, %d alerts raised after, %d dead-lettered%n",
                    OUTAGE_SECONDS, batches * events.size(), alerts.size() - before, deadLettered() - deadBefore);
            assertEquals(expected, alerts.size(), "every event accepted during the outage raised its alert");
            assertEquals(alerts.size(), new HashSet<>(alerts).size(), "no alert twice");
            assertEquals(0, deadLettered() - deadBefore, "an outage sends nothing to dead-letter");
            assertTrue(sawNotReady, "detection-service said it was not ready while PostgreSQL was down");
        } finally {
            vigil(Map.of(), "infra", "start", "postgres");
        }
    }

    @Test
    @Order(3)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vigil.faults.all", matches = "true")
    void theGatewayKilledMidStreamLosesAndDoublesNothing() throws Exception {
        disturbed("ingest-gateway killed -9", () -> kill("ingest-gateway"), () -> restart(Map.of()));
    }

    @Test
    @Order(4)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vigil.faults.all", matches = "true")
    void caseServiceKilledMidStreamLosesAndDoublesNothing() throws Exception {
        disturbed("case-service killed -9", () -> kill("case-service"), () -> restart(Map.of()));
    }

    @Test
    @Order(5)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vigil.faults.all", matches = "true")
    void redisKilledMidStreamLosesAndDoublesNothing() throws Exception {
        disturbed("Redis killed -9", () -> killTree(".vigil/run/redis.pid"), () -> vigil(Map.of(), "infra", "start", "redis"));
    }

    @Test
    @Order(6)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vigil.faults.all", matches = "true")
    void keycloakKilledMidStreamHoldsUpNoTelemetry() throws Exception {
        disturbed("Keycloak killed -9", () -> killTree(".vigil/run/keycloak.pid"),
                () -> vigil(Map.of(), "infra", "start", "keycloak"));
    }

    @Test
    @Order(7)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vigil.faults.all", matches = "true")
    void postgresqlKilledMidStreamLosesAndDoublesNothing() throws Exception {
        disturbed("PostgreSQL killed -9 (whole process tree)", () -> killTree(".vigil/data/postgres/postmaster.pid"),
                () -> vigil(Map.of(), "infra", "start", "postgres"));
    }

    interface Step {
        Object run() throws Exception;
    }

    /**
     * A shipper sends {@code batches} batches, each under its own Idempotency-Key and sent again until it is
     * answered 202; a third of the way through, {@code disrupt} runs, and {@code recover} two seconds later.
     * Then every event must have raised its alert once.
     */
    private static void disturbed(String label, Step disrupt, Step recover) throws Exception {
        int before = alerts().size();
        int batches = 30;
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<Void> shipper = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < batches; i++) {
                String idem = "faults-" + run + "-" + i;
                while (!deliver(idem)) {
                    retries.incrementAndGet();
                    pause(500);
                }
                sent.incrementAndGet();
                pause(100);
            }
        });
        while (sent.get() < batches / 3) {
            Thread.sleep(50);
        }
        disrupt.run();
        Thread.sleep(2_000);
        recover.run();
        shipper.get(5, TimeUnit.MINUTES);
        int expected = before + batches * events.size();
        List<String> alerts = awaitAlerts(expected, Duration.ofSeconds(120));
        int doubled = alerts.size() - new HashSet<>(alerts).size();
        System.out.printf("faults: %s: %d events sent (%d retries), %d alerts expected, %d raised, %d doubled%n", label,
                batches * events.size(), retries.get(), expected - before, alerts.size() - before, doubled);
        assertEquals(0, doubled, "no alert twice");
        assertEquals(expected, alerts.size(), "every event the gateway accepted raised its alert");
    }

    /** One attempt: true when the gateway answered 202. */
    private static boolean deliver(String idempotencyKey) {
        try {
            return given().config(ThinSliceIT.TEXT).header("X-Vigil-Api-Key", key).header("Idempotency-Key", idempotencyKey)
                    .contentType("application/x-ndjson").body(String.join("\n", events))
                    .post(Stack.GATEWAY + "/api/v1/ingest/events").statusCode() == 202;
        } catch (Exception e) { // RestAssured rethrows ConnectException undeclared
            return false; // connection refused or reset: the gateway is down
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills with -9 the process a pid file names (first line) and every process under it. */
    private static Object killTree(String pidFile) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(VigilInfra.root().resolve(pidFile)).get(0).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            List<ProcessHandle> tree = new java.util.ArrayList<>(p.descendants().toList());
            tree.add(0, p);
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(h -> h.onExit().join());
        });
        return null;
    }

    private static void send(int batches) {
        Stack.send(key, events, batches);
    }

    /** The ids of the tenant's alerts of the test rule, all pages. */
    private static List<String> alerts() {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var req = given().auth().oauth2(analyst).queryParam("limit", 100);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get(CASES + "/api/v1/alerts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> a : items) {
                if (ThinSliceIT.RULE_ID.equals(a.get("ruleId"))) {
                    ids.add(String.valueOf(a.get("id")));
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static List<String> awaitAlerts(int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> seen = alerts();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            seen = alerts();
        }
        Thread.sleep(2_000); // anything doubled would arrive late
        return alerts();
    }

    /** Sum of detection-service's dead-letter counters (Prometheus text at /q/metrics). */
    private static long deadLettered() {
        String metrics = given().get(Stack.DETECTION_MANAGEMENT + "/q/metrics").then().statusCode(200).extract().asString();
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("vigil_stream_dead_lettered_total{")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static Object kill(String service) throws Exception {
        Path pidFile = VigilInfra.root().resolve(".vigil/run/" + service + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        return null;
    }

    private static int restart(Map<String, String> env) throws Exception {
        return vigil(env, "up", "--no-build", "--no-demo");
    }

    private static int vigil(Map<String, String> env, String... args) throws Exception {
        Path root = VigilInfra.root();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(root.resolve("vigil").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".vigil/logs/e2e.log").toFile()));
        Map<String, String> merged = new HashMap<>(pb.environment());
        merged.putAll(env);
        pb.environment().putAll(merged);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
