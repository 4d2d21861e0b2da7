package io.vigil.detection.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./vigil rules import}: a folder of Sigma rules (a SigmaHQ checkout, a team's own) or a zip, into the
 * running detection-service's catalog through the API. A folder is zipped with its relative paths, so
 * SigmaHQ's folders name the packs. Prints the outcome per file that did not go in, then the totals.
 */
public final class RulesCli {

    static final String USAGE = """
            usage: vigil rules import DIR_OR_ZIP [--pack NAME] [--url URL] [--token TOKEN]

            Imports every rule file (*.yml, *.yaml) of DIR_OR_ZIP into the catalog of the running stack
            (POST /api/v1/rules/import): new rules are created, changed ones get a new version, the same
            text again changes nothing. --pack puts them all in one pack (default: SigmaHQ's detection.*
            tag or folder, else custom). --url is the gateway or detection-service (default
            http://127.0.0.1:8080); --token a bearer token of a rule engineer (soc-tier3, soc-manager or
            provider-admin), default $VIGIL_TOKEN. Prints one JSON line per file that failed, with its
            error, then one with the totals. Exits 0 when the import ran, 1 when the service refused it.
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (StackCli.help(args, USAGE, out)) {
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("import") || args.length < 2 || args[1].startsWith("--")) {
            err.println("vigil rules: say import and the folder or zip");
            err.print(USAGE);
            return 2;
        }
        String url = StackCli.option(args, "--url", StackCli.DEFAULT_URL);
        String pack = StackCli.option(args, "--pack", null);
        String token = StackCli.token(args, "rules", err);
        if (token == null) {
            return 2;
        }
        try {
            byte[] zip = zipOf(Path.of(args[1]));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/rules/import"
                            + (pack == null ? "" : "?pack=" + URLEncoder.encode(pack, StandardCharsets.UTF_8))))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("vigil rules: the service answered " + response.statusCode() + ": " + response.body());
                return 1;
            }
            JsonNode result = MAPPER.readTree(response.body());
            for (JsonNode f : result.path("results")) {
                if ("failed".equals(f.path("outcome").asText())) {
                    out.println(f);
                }
            }
            out.println(MAPPER.createObjectNode().put("files", result.path("files").asInt())
                    .put("created", result.path("created").asInt()).put("updated", result.path("updated").asInt())
                    .put("unchanged", result.path("unchanged").asInt()).put("failed", result.path("failed").asInt()));
            return 0;
        } catch (IOException e) {
            err.println("vigil rules: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** The zip itself, or a folder's rule files zipped under their paths relative to it. */
    static byte[] zipOf(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return Files.readAllBytes(source);
        }
        if (!Files.isDirectory(source)) {
            throw new IOException("no folder or zip at " + source);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : SigmaCli.ruleFiles(source)) {
                zip.putNextEntry(new ZipEntry(source.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
