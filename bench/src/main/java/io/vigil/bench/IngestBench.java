package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * End-to-end ingestion through the running gateway (./vigil up): NDJSON batches of real Windows events
 * (OTRF recordings) posted by concurrent clients with a real bearer token; an event counts once the gateway
 * answered 202, which it does only after Redis accepted every entry. Prints events/s, batch latency p50/p99,
 * the bare JSON parse rate of the same events (the ceiling) and the ratio, and the gateway's peak RSS.
 *
 * <pre>usage: IngestBench --events DIR [--seconds N] [--clients N] [--batch N] [--gateway URL] [--keycloak URL]</pre>
 */
public final class IngestBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static String benchTenant;

    public static void main(String[] args) throws Exception {
        Path events = null;
        double seconds = 20;
        int clients = 8;
        int batchSize = 1000;
        String gateway = "http://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_INGEST_GATEWAY_PORT", "8080");
        String keycloak = "http://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_KEYCLOAK_PORT", "8180");
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_REDIS_PORT", "56379"));
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Path.of(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--batch" -> batchSize = Integer.parseInt(args[i + 1]);
                case "--gateway" -> gateway = args[i + 1];
                case "--keycloak" -> keycloak = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.walk(events)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        List<String> batches = new ArrayList<>();
        for (int from = 0; from + batchSize <= lines.size(); from += batchSize) {
            batches.add(String.join("\n", lines.subList(from, from + batchSize)));
        }
        // HTTP/1.1: what log shippers use; HTTP/2 over cleartext would throttle large bodies with its flow-control windows.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(http, keycloak);
        System.out.printf(Locale.ROOT, "Ingestion benchmark (%s), gateway %s%n", Bench.machine(), gateway);
        System.out.printf(Locale.ROOT, "  events: %d real Windows events in NDJSON batches of %d, %d clients, %.0f s%n",
                lines.size(), batchSize, clients, seconds);

        double ceiling = Bench.rate("bare JSON parse (ceiling, 1 core)", Math.min(seconds, 8), () -> {
            for (String l : lines) {
                read(l);
            }
            return lines.size();
        });

        String url = gateway + "/api/v1/ingest/events";
        // The bench's tenant is not rate-limited: it measures the gateway, not the provider's limits.
        resp(redisPort, "HSET", "vigil:tenant-limits:" + benchTenant, "eventsPerSecond", "0", "dailyQuota", "0");
        String stream = MAPPER.readTree(sendForBody(http, url, token, batches.get(0))).path("stream").asText();
        // The events are consumed elsewhere (detection-service, measured by its own benchmark): here the
        // stream is trimmed as it grows, standing in for consumers that keep up, so Redis does not fill.
        Thread trimmer = new Thread(() -> trimWhileRunning(redisPort, stream), "bench-trimmer");
        trimmer.setDaemon(true);
        trimmer.start();
        for (int w = 0; w < 20; w++) {
            send(http, url, token, batches.get(w % batches.size())); // warm-up: the gateway's JIT
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        int perBatch = batchSize;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            running.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    String body = batches.get(i++ % batches.size());
                    long t0 = System.nanoTime();
                    int status = send(http, url, token, body);
                    latencies.add(System.nanoTime() - t0);
                    if (status == 202) {
                        accepted.addAndGet(perBatch);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = accepted.get() / elapsed;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-34s %,14.0f /s  (%d batches, %d refused)%n", "accepted end to end", rate,
                sorted.size(), failed.get());
        System.out.printf(Locale.ROOT, "  batch latency p50 %.1f ms, p99 %.1f ms%n", pct(sorted, 0.50), pct(sorted, 0.99));
        System.out.printf(Locale.ROOT, "  ratio end to end / parse ceiling: %.2f%n", rate / ceiling);
        System.out.printf(Locale.ROOT, "  peak RSS: bench %d MB, gateway %s MB%n", Bench.peakRssMb(), gatewayRss());
    }

    /** One Redis command over RESP (the bench has no Redis client). */
    static void resp(int port, String... args) throws IOException {
        try (java.net.Socket socket = Bench.redis(port)) {
            StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            socket.getOutputStream().write(sb.toString().getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().read(new byte[64]);
        }
    }

    /**
     * Deletes the bench tenant's own entries from its shard as they arrive, standing in for consumers that
     * keep up, so Redis does not fill. The shard is shared with other tenants: only entries whose
     * {@code tenantId} is the bench's are touched (XTRIM would drop everybody's unconsumed events).
     */
    private static void trimWhileRunning(int port, String stream) {
        try (java.net.Socket socket = Bench.redis(port)) {
            java.io.OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            String from = "-";
            while (true) {
                out.write(command("XRANGE", stream, from, "+", "COUNT", "2000"));
                out.flush();
                List<?> entries = (List<?>) readReply(in);
                List<String> own = new ArrayList<>();
                for (Object e : entries) {
                    List<?> entry = (List<?>) e;
                    String id = (String) entry.get(0);
                    List<?> fields = (List<?>) entry.get(1);
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        if ("tenantId".equals(fields.get(i)) && benchTenant.equals(fields.get(i + 1))) {
                            own.add(id);
                        }
                    }
                    from = "(" + id;
                }
                if (!own.isEmpty()) {
                    List<String> args = new ArrayList<>(List.of("XDEL", stream));
                    args.addAll(own);
                    out.write(command(args.toArray(String[]::new)));
                    out.flush();
                    readReply(in);
                }
                if (entries.size() < 2000) {
                    Thread.sleep(200);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("stream trimmer stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] command(String... args) {
        StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One RESP reply: arrays as lists, bulk and simple strings as strings, integers as longs. */
    private static Object readReply(java.io.DataInputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case ':':
                return Long.parseLong(line);
            case '-':
                throw new IOException("Redis: " + line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = new byte[n];
                in.readFully(b);
                readLine(in);
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>(Math.max(n, 0));
                for (int i = 0; i < n; i++) {
                    items.add(readReply(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected Redis reply type " + type);
        }
    }

    private static String readLine(java.io.DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            sb.append((char) c);
        }
        in.read(); // '\n'
        return sb.toString();
    }

    private static String sendForBody(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 202) {
            throw new IllegalStateException("the gateway refused the first batch: " + res.statusCode() + " " + res.body());
        }
        return res.body();
    }

    private static int send(HttpClient http, String url, String token, String body) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A customer-admin of a fresh tenant, made through Keycloak's admin API, and its access token. */
    private static String token(HttpClient http, String keycloak) throws Exception {
        String admin = MAPPER.readTree(post(http, keycloak + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password=admin", null, "application/x-www-form-urlencoded"))
                .path("access_token").asText();
        String parent = MAPPER.readTree(get(http, keycloak + "/admin/realms/vigil/group-by-path/tenants", admin)).path("id").asText();
        String tenant = UUID.randomUUID().toString();
        benchTenant = tenant;
        post(http, keycloak + "/admin/realms/vigil/groups/" + parent + "/children", "{\"name\":\"" + tenant + "\"}", admin, "application/json");
        String user = "bench-" + UUID.randomUUID();
        post(http, keycloak + "/admin/realms/vigil/users", "{\"username\":\"" + user + "\",\"enabled\":true,\"email\":\"" + user
                + "@bench.vigil\",\"firstName\":\"B\",\"lastName\":\"B\",\"emailVerified\":true,\"groups\":[\"/tenants/" + tenant
                + "\"],\"credentials\":[{\"type\":\"password\",\"value\":\"bench\",\"temporary\":false}]}", admin, "application/json");
        // A client system's role: ingestion takes telemetry only from case workers and client systems.
        String id = MAPPER.readTree(get(http, keycloak + "/admin/realms/vigil/users?exact=true&username=" + user, admin))
                .get(0).path("id").asText();
        String role = get(http, keycloak + "/admin/realms/vigil/roles/customer-system", admin);
        post(http, keycloak + "/admin/realms/vigil/users/" + id + "/role-mappings/realm", "[" + role + "]", admin, "application/json");
        return MAPPER.readTree(post(http, keycloak + "/realms/vigil/protocol/openid-connect/token",
                "grant_type=password&client_id=vigil-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=bench",
                null, "application/x-www-form-urlencoded")).path("access_token").asText();
    }

    private static String post(HttpClient http, String url, String body, String bearer, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String get(HttpClient http, String url, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }

    private static String gatewayRss() {
        try {
            String pid = Files.readString(Path.of(System.getenv().getOrDefault("VIGIL_HOME", ".vigil"), "run", "ingest-gateway.pid")).trim();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "?";
        }
        return "?";
    }
}
