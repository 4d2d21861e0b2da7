package io.vigil.ingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.testing.VigilInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./vigil parse: one JSON line per input line, the event or the parser's error. */
class ParseCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsOneResultPerLineWithEventsAndErrors(@TempDir Path dir) throws Exception {
        Path cef = VigilInfra.sharedData().resolve("parsing/cef/jcustenborder-cef-parser");
        String good = JSON.readTree(cef.resolve("Message0000.json").toFile()).get("input").asText();
        Path input = dir.resolve("sample.cef");
        Files.writeString(input, good + "\nCEF:0|truncated\n\n" + good + "\n");

        List<JsonNode> out = run("--format", "cef", input.toString());
        assertEquals(3, out.size(), "blank lines are skipped");
        assertEquals(1, out.get(0).get("line").asInt());
        assertTrue(out.get(0).get("event").has("event.original"));
        assertEquals(2, out.get(1).get("line").asInt());
        assertTrue(out.get(1).get("error").asText().length() > 0);
        assertEquals(4, out.get(2).get("line").asInt());
    }

    @Test
    void jsonLinesAreNormalised(@TempDir Path dir) throws Exception {
        String cloudtrail = Files.readAllLines(VigilInfra.sharedData()
                .resolve("parsing/aws-cloudtrail/elastic-integrations/test-console-login-json.log")).get(0);
        Path input = dir.resolve("ct.jsonl");
        Files.writeString(input, cloudtrail + "\n[1,2]\n");
        List<JsonNode> out = run("--format", "json", input.toString());
        assertEquals("ConsoleLogin", out.get(0).get("event").get("event.action").asText());
        assertTrue(out.get(1).get("error").asText().contains("must be an object"));
    }

    @Test
    void usageErrorsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ParseCli.run(new String[] {"--format", "xml", "f"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cef|json|leef|syslog"));
    }

    private static List<JsonNode> run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ParseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return lines;
    }
}
