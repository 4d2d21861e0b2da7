package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared measuring helpers: timed loops with warm-up, and the process's peak memory. */
final class Bench {

    private Bench() {
    }

    /** Runs {@code pass} repeatedly for about {@code seconds} after a warm-up; returns items per second. */
    static double rate(String name, double seconds, Pass pass) {
        long warmEnd = System.nanoTime() + (long) (Math.min(3, seconds / 2) * 1e9);
        while (System.nanoTime() < warmEnd) {
            pass.run();
        }
        long items = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            items += pass.run();
        }
        double rate = items / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  %-34s %,14.0f /s%n", name, rate);
        return rate;
    }

    /** One pass over the input; returns how many items it handled. */
    @FunctionalInterface
    interface Pass {
        long run();
    }

    /** Peak resident memory of this process (VmHWM), in MB; -1 where /proc is absent. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The base URL of a part of the local stack: 127.0.0.1 on its port ({@code VIGIL_<PART>_PORT}, else the default). */
    static String local(String portVariable, String defaultPort) {
        return "http://127.0.0.1:" + System.getenv().getOrDefault(portVariable, defaultPort);
    }

    /** The local stack's PostgreSQL as its superuser: benchmarks seed and remove their own rows through it. */
    static java.sql.Connection superuser() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + System.getenv().getOrDefault("VIGIL_PG_PORT", "55432") + "/vigil", "postgres",
                System.getenv().getOrDefault("VIGIL_PG_SUPERUSER_PASSWORD", "vigil"));
    }

    /**
     * A connection to the stack's Redis, signed in as the tools user ({@code VIGIL_REDIS_USER} and
     * {@code VIGIL_REDIS_PASSWORD}, which ./vigil bench sets); the benchmarks speak RESP themselves.
     */
    static java.net.Socket redis(int port) throws java.io.IOException {
        java.net.Socket s = new java.net.Socket("127.0.0.1", port);
        String user = System.getenv().getOrDefault("VIGIL_REDIS_USER", "vigil-tools");
        String password = System.getenv().getOrDefault("VIGIL_REDIS_PASSWORD", "");
        StringBuilder auth = new StringBuilder("*3\r\n$4\r\nAUTH\r\n");
        for (String a : new String[] {user, password}) {
            auth.append('$').append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(a)
                    .append("\r\n");
        }
        s.getOutputStream().write(auth.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder reply = new StringBuilder();
        for (int c; (c = s.getInputStream().read()) >= 0 && c != '\n';) {
            reply.append((char) c);
        }
        if (!reply.toString().startsWith("+OK")) {
            s.close();
            throw new java.io.IOException("Redis refused " + user + ": " + reply.toString().trim());
        }
        return s;
    }

    /** The stack's Keycloak, to make the benchmark's users. */
    static LatencyBench.Identities identities(java.net.http.HttpClient http) throws Exception {
        return new LatencyBench.Identities(http, local("VIGIL_KEYCLOAK_PORT", "8180"));
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }

    /**
     * The resident memory (MB) of each part of the local stack that runs, by the pid files ./vigil keeps in
     * $VIGIL_HOME/run (PostgreSQL's postmaster only, not its workers).
     */
    static java.util.Map<String, Long> stackRssMb() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        java.nio.file.Path home = java.nio.file.Path.of(System.getenv().getOrDefault("VIGIL_HOME", ".vigil"));
        try (var files = java.nio.file.Files.list(home.resolve("run"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String pid = java.nio.file.Files.readString(f).trim();
                long kb = statusKb(pid, "VmRSS:");
                if (kb >= 0) {
                    out.put(f.getFileName().toString().replace(".pid", ""), kb / 1024);
                }
            }
        } catch (java.io.IOException e) {
            // no stack here: nothing to report
        }
        return out;
    }

    private static long statusKb(String pid, String key) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The peak resident memory (VmHWM, MB) of one part of the local stack, by its pid file; -1 if not running. */
    static long stackPeakRssMb(String part) {
        java.nio.file.Path home = java.nio.file.Path.of(System.getenv().getOrDefault("VIGIL_HOME", ".vigil"));
        try {
            String pid = java.nio.file.Files.readString(home.resolve("run").resolve(part + ".pid")).trim();
            long kb = statusKb(pid, "VmHWM:");
            return kb < 0 ? -1 : kb / 1024;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * CPU time (ms, user + system) used so far by each part of the local stack (by its pid file), by every
     * PostgreSQL process (postmaster and backends: their command is "postgres") and by this process. Two
     * readings around a run give each part's share of the work.
     */
    static java.util.Map<String, Long> stackCpuMs() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        java.nio.file.Path home = java.nio.file.Path.of(System.getenv().getOrDefault("VIGIL_HOME", ".vigil"));
        try (var files = java.nio.file.Files.list(home.resolve("run"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                long ms = cpuMs(java.nio.file.Files.readString(f).trim());
                if (ms >= 0) {
                    out.put(f.getFileName().toString().replace(".pid", ""), ms);
                }
            }
        } catch (java.io.IOException e) {
            // no stack here: nothing to report
        }
        long pg = 0;
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path d : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (java.nio.file.Files.readString(d.resolve("comm")).trim().equals("postgres")) {
                        pg += Math.max(0, cpuMs(d.getFileName().toString()));
                    }
                } catch (java.io.IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            // no /proc: not Linux
        }
        out.put("postgresql", pg);
        out.put("bench", cpuMs("self"));
        return out;
    }

    private static long cpuMs(String pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in clock ticks of 10 ms
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
