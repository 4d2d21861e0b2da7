package io.vigil.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real PostgreSQL, Redis and Keycloak for {@code @QuarkusTest}s: runs {@code ./vigil infra up}, which reuses
 * whatever already runs and otherwise fetches and starts the real binaries (no Docker). Tests use the
 * {@code vigil_test} database, so a developer's running stack keeps its data. The infrastructure is left
 * running for the next test JVM; {@code ./vigil infra down} stops it.
 */
public class VigilInfra implements QuarkusTestResourceLifecycleManager {

    private static volatile boolean started;

    @Override
    public Map<String, String> start() {
        ensureStarted();
        // Tests sign in to Redis as the tools user ./vigil made for this installation, and to Keycloak with
        // the client secrets it wrote into the realm (the service under test picks its own by client id).
        Map<String, String> config = new java.util.HashMap<>();
        config.put("VIGIL_REDIS_USER", "vigil-tools");
        config.put("VIGIL_REDIS_PASSWORD", redisPassword());
        for (String client : List.of("tenant-service", "ingest-gateway", "detection-service", "case-service", "reporting-service")) {
            oidcSecret(client).ifPresent(secret -> config.put("vigil.oidc.secret." + client, secret));
        }
        return config;
    }

    /** The OIDC client secret ./vigil made for {@code client} in this installation, if it made one. */
    public static java.util.Optional<String> oidcSecret(String client) {
        Path f = home().resolve("secrets").resolve("oidc-" + client);
        try {
            return Files.exists(f) ? java.util.Optional.of(Files.readString(f).trim()) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    private static Path home() {
        return System.getenv("VIGIL_HOME") != null ? Path.of(System.getenv("VIGIL_HOME")) : root().resolve(".vigil");
    }

    /** The tools user's Redis password, from the installation's secrets ({@code $VIGIL_HOME/secrets}). */
    public static String redisPassword() {
        return redisPassword("tools");
    }

    /** The Redis password ./vigil made for {@code user} (a service's name, or tools). */
    public static String redisPassword(String user) {
        Path home = home();
        try {
            return Files.readString(home.resolve("secrets").resolve("redis-" + user)).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no Redis password in " + home.resolve("secrets") + ": run ./vigil infra up", e);
        }
    }

    @Override
    public void stop() {
        // Left running on purpose: the next module's tests reuse it.
    }

    public static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        Path root = root();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("vigil").toString(), "infra", "up")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(root)));
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("vigil infra up did not finish in 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("vigil infra up failed (exit " + p.exitValue() + "): see "
                        + logFile(root) + ":\n" + Files.readString(logFile(root).toPath()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run vigil infra up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting infrastructure", e);
        }
        forgetEarlierTestStreams();
        started = true;
    }

    /**
     * Tests publish to streams of their own ({@code test.*}, in the tests' Redis database 1); this test JVM
     * deletes those earlier runs left, before its own tests start, so repeated runs do not fill Redis.
     */
    private static void forgetEarlierTestStreams() {
        int port = Integer.parseInt(System.getenv().getOrDefault("VIGIL_REDIS_PORT", "56379"));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            java.io.OutputStream out = s.getOutputStream();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(s.getInputStream());
            out.write(resp("AUTH", "vigil-tools", redisPassword()));
            out.write(resp("SELECT", "1"));
            out.write(resp("EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', 'test.*')) do"
                    + " redis.call('UNLINK', k) n = n + 1 end return n", "0"));
            out.flush();
            // Three one-line replies (+OK, +OK, :n); read them so the commands completed before the socket closes.
            int lines = 0;
            for (int c; lines < 3 && (c = in.read()) >= 0;) {
                if (c == '\n') {
                    lines++;
                }
            }
        } catch (IOException e) {
            // Nothing to forget when Redis is not there: infra up above would have failed first.
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The checkout's root: from the build ({@code vigil.root}) or found by walking up to the vigil script. */
    public static Path root() {
        String configured = System.getProperty("vigil.root");
        if (configured != null && Files.isExecutable(Path.of(configured, "vigil"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("vigil"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the vigil script above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The shared test data beside the checkout ({@code ../shared/data}). */
    public static Path sharedData() {
        String configured = System.getProperty("vigil.shared.dir");
        Path shared = configured != null ? Path.of(configured) : root().resolve("../shared");
        return shared.resolve("data").normalize();
    }

    private static File logFile(Path root) {
        File logs = root.resolve(".vigil/logs").toFile();
        logs.mkdirs();
        return new File(logs, "test-infra.log");
    }
}
