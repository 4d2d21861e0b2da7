package io.vigil.detection.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./vigil streams dead|replay}: the dead-letter streams of the running stack, through the gateway's
 * staff API ({@code /api/v1/streams/dead-letters}).
 */
public final class StreamsCli {

    static final String USAGE = """
            usage: vigil streams dead STREAM [--url URL] [--token TOKEN]
                   vigil streams replay STREAM [ENTRY_ID...] [--url URL] [--token TOKEN]

            dead    lists the messages of a dead-letter stream (e.g. events.2.dead), oldest first: one JSON
                    line each with its entry id, tenant, type, reason and consumer group, then the total
            replay  puts the named entries (all of them, when none is named) back on the stream they failed
                    on and removes them from the dead-letter stream; consumers handle each once
            Only messages of the caller's tenants are listed or replayed. --url is the gateway (default
            http://127.0.0.1:8080); --token a bearer token of provider staff (replay: soc-manager or
            provider-admin), default $VIGIL_TOKEN. Exits 0 when it ran, 1 when the gateway refused.
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StreamsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (StackCli.help(args, USAGE, out)) {
            return args.length == 0 ? 2 : 0;
        }
        if (!List.of("dead", "replay").contains(args[0]) || args.length < 2 || args[1].startsWith("--")) {
            err.println("vigil streams: say dead or replay, and the dead-letter stream");
            err.print(USAGE);
            return 2;
        }
        String url = StackCli.option(args, "--url", StackCli.DEFAULT_URL);
        String token = StackCli.token(args, "streams", err);
        if (token == null) {
            return 2;
        }
        String base = url + "/api/v1/streams/dead-letters";
        String stream = URLEncoder.encode(args[1], StandardCharsets.UTF_8);
        try {
            if (args[0].equals("dead")) {
                String cursor = null;
                int total = 0;
                do {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "?limit=500&stream=" + stream
                            + (cursor == null ? "" : "&cursor=" + cursor))).GET(), token);
                    if (r.statusCode() != 200) {
                        return refused(err, r);
                    }
                    JsonNode page = MAPPER.readTree(r.body());
                    for (JsonNode item : page.path("items")) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) item).remove("payload");
                        out.println(item);
                        total++;
                    }
                    cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
                } while (cursor != null);
                out.println(MAPPER.createObjectNode().put("stream", args[1]).put("listed", total));
                return 0;
            }
            List<String> ids = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    i++;
                    continue;
                }
                ids.add(args[i]);
            }
            String body = MAPPER.writeValueAsString(MAPPER.createObjectNode().set("entryIds", MAPPER.valueToTree(ids)));
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/replay?stream=" + stream))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), token);
            if (r.statusCode() != 200) {
                return refused(err, r);
            }
            out.println(r.body());
            return 0;
        } catch (IOException e) {
            err.println("vigil streams: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int refused(PrintStream err, HttpResponse<String> r) {
        err.println("vigil streams: the gateway answered " + r.statusCode() + ": " + r.body());
        return 1;
    }
}
