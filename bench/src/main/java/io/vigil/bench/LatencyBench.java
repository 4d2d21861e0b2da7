package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end detection latency on the running stack: batches of real Windows events, each with one event
 * that a SigmaHQ rule matches (its labelled sample, marked with a sequence number in its command line),
 * are posted to the gateway at a steady rate; the time from sending a batch to its alert appearing on the
 * {@code alerts} stream (read from Redis) is the latency: gateway, stream, detection-service, outbox.
 */
public final class LatencyBench {

    static final String RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String RULE_ID = "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path shared = null;
        double seconds = 20;
        int rate = 10;
        int batch = 100;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--shared" -> shared = Path.of(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_REDIS_PORT", "56379"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Identities ids = new Identities(http, "http://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_KEYCLOAK_PORT", "8180"));
        String tenant = UUID.randomUUID().toString();
        String sender = ids.user(List.of("customer-admin"), "/tenants/" + tenant, true);
        String engineer = ids.user(List.of("soc-tier3"), "/tenants", false);

        String yaml = Files.readString(shared.resolve("sigma-rules").resolve(RULE));
        int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_DETECTION_SERVICE_PORT", "8082") + "/api/v1/rules"))
                .header("Authorization", "Bearer " + engineer).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("the rule was refused: " + status);
        }
        ObjectNode matching = null;
        for (String l : Files.readAllLines(shared.resolve("sigma-regression/all_events.flat.jsonl"))) {
            if (l.contains(RULE_ID)) {
                matching = (ObjectNode) MAPPER.readTree(l);
                break;
            }
        }
        List<String> background = new ArrayList<>();
        try (Stream<Path> s = Files.walk(shared.resolve("datasets"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(background::add);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Long> sent = new ConcurrentHashMap<>();
        Map<Integer, Long> alerted = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> readAlerts(redisPort, Pattern.compile("bench-" + run + "-(\\d+)"), alerted),
                "alerts-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(500);

        java.util.Map<String, Long> rssBefore = Bench.stackRssMb();
        System.out.printf(Locale.ROOT, "End-to-end detection latency (%s)%n", Bench.machine());
        System.out.printf(Locale.ROOT, "  %d batches/s of %d real Windows events, one matching %s, for %.0f s%n",
                rate, batch, RULE_ID, seconds);
        long periodNanos = 1_000_000_000L / rate;
        java.util.Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        int count = (int) (seconds * rate);
        for (int seq = 0; seq < count; seq++) {
            long due = start + seq * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            ObjectNode m = matching.deepCopy();
            m.put("CommandLine", m.path("CommandLine").asText() + " bench-" + run + "-" + seq);
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < batch - 1; i++) {
                body.append(background.get((seq * batch + i) % background.size())).append('\n');
            }
            body.append(m).append('\n');
            sent.put(seq, System.nanoTime());
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_INGEST_GATEWAY_PORT", "8080") + "/api/v1/ingest/events"))
                    .header("Authorization", "Bearer " + sender).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> answers.merge(e != null ? "failed" : String.valueOf(r.statusCode()), 1, Integer::sum));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (alerted.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Double> latencies = new ArrayList<>();
        alerted.forEach((seq, at) -> latencies.add((at - sent.get(seq)) / 1e6));
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "  batches answered: %s%n", new java.util.TreeMap<>(answers));
        System.out.printf(Locale.ROOT, "  alerts: %d of %d (missing %d)%n", latencies.size(), count, count - latencies.size());
        System.out.printf(Locale.ROOT, "  latency ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f%n", pct(latencies, 0.50),
                pct(latencies, 0.95), pct(latencies, 0.99), latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
        System.out.printf(Locale.ROOT, "  peak RSS: bench %d MB%n", Bench.peakRssMb());
        // A soak is this run made long (--seconds 240): memory that keeps growing shows here.
        java.util.Map<String, Long> rssAfter = Bench.stackRssMb();
        for (var part : rssAfter.entrySet()) {
            Long was = rssBefore.get(part.getKey());
            System.out.printf(Locale.ROOT, "  RSS %-18s %5d MB -> %5d MB (%+d)%n", part.getKey(), was == null ? 0 : was,
                    part.getValue(), was == null ? 0 : part.getValue() - was);
        }
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }

    /** Follows the alerts stream (XREAD BLOCK over RESP) and notes when each marked alert arrives. */
    private static void readAlerts(int port, Pattern marker, Map<Integer, Long> alerted) {
        try (Socket s = Bench.redis(port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String last = "$";
            while (true) {
                String cmd = "*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$4\r\n1000\r\n$7\r\nSTREAMS\r\n$6\r\nalerts\r\n$"
                        + last.length() + "\r\n" + last + "\r\n";
                out.write(cmd.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Object reply = Resp.read(in);
                long now = System.nanoTime();
                if (!(reply instanceof List<?> streams) || streams.isEmpty()) {
                    continue;
                }
                List<?> entries = (List<?>) ((List<?>) streams.get(0)).get(1);
                for (Object e : entries) {
                    List<?> entry = (List<?>) e;
                    last = (String) entry.get(0);
                    for (Object field : (List<?>) entry.get(1)) {
                        Matcher m = marker.matcher(String.valueOf(field));
                        if (m.find()) {
                            alerted.putIfAbsent(Integer.parseInt(m.group(1)), now);
                        }
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("alerts reader stopped: " + e.getMessage());
        }
    }

    /** The RESP replies XREAD gives: arrays, bulk and simple strings, integers, nil. */
    static final class Resp {
        static Object read(InputStream in) throws IOException {
            int type = in.read();
            String line = line(in);
            switch (type) {
                case '*' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return null;
                    }
                    List<Object> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        out.add(read(in));
                    }
                    return out;
                }
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return null;
                    }
                    byte[] b = in.readNBytes(n);
                    in.read();
                    in.read();
                    return new String(b, StandardCharsets.UTF_8);
                }
                case ':', '+' -> {
                    return line;
                }
                case '-' -> throw new IOException("Redis: " + line);
                default -> throw new IOException("unexpected RESP type " + (char) type);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                sb.append((char) c);
            }
            in.read();
            return sb.toString();
        }
    }

    /** Bench identities made through Keycloak's admin API, as IngestBench makes its own. */
    static final class Identities {
        private final HttpClient http;
        private final String keycloak;
        private final String admin;

        Identities(HttpClient http, String keycloak) throws Exception {
            this.http = http;
            this.keycloak = keycloak;
            this.admin = MAPPER.readTree(post(keycloak + "/realms/master/protocol/openid-connect/token",
                    "grant_type=password&client_id=admin-cli&username=admin&password=admin", null,
                    "application/x-www-form-urlencoded")).path("access_token").asText();
        }

        /** A user with realm roles in the group (created if {@code createGroup}); returns its token. */
        String user(List<String> roles, String group, boolean createGroup) throws Exception {
            if (createGroup) {
                String parent = MAPPER.readTree(get(keycloak + "/admin/realms/vigil/group-by-path/tenants")).path("id").asText();
                post(keycloak + "/admin/realms/vigil/groups/" + parent + "/children",
                        "{\"name\":\"" + group.substring(group.lastIndexOf('/') + 1) + "\"}", admin, "application/json");
            }
            String user = "bench-" + UUID.randomUUID();
            post(keycloak + "/admin/realms/vigil/users", "{\"username\":\"" + user + "\",\"enabled\":true,\"email\":\"" + user
                    + "@bench.vigil\",\"firstName\":\"B\",\"lastName\":\"B\",\"emailVerified\":true,\"groups\":[\"" + group
                    + "\"],\"credentials\":[{\"type\":\"password\",\"value\":\"bench\",\"temporary\":false}]}", admin, "application/json");
            String id = MAPPER.readTree(get(keycloak + "/admin/realms/vigil/users?exact=true&username=" + user)).get(0).path("id").asText();
            StringBuilder reps = new StringBuilder("[");
            for (String r : roles) {
                reps.append(reps.length() > 1 ? "," : "").append(get(keycloak + "/admin/realms/vigil/roles/" + r));
            }
            post(keycloak + "/admin/realms/vigil/users/" + id + "/role-mappings/realm", reps + "]", admin, "application/json");
            return MAPPER.readTree(post(keycloak + "/realms/vigil/protocol/openid-connect/token",
                    "grant_type=password&client_id=vigil-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=bench", null, "application/x-www-form-urlencoded")).path("access_token").asText();
        }

        private String post(String url, String body, String bearer, String type) throws Exception {
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

        private String get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
