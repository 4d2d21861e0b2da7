package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.cli.SigmaCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./vigil sigma check|scan on real SigmaHQ rules and their recorded events. */
class SigmaCliTest {

    static final String RULE = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String EVENTS = "regression_data/rules-emerging-threats/2026/Exploits/CVE-2026-33829/"
            + "proc_creation_win_exploit_cve_2026_33829/7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d.json";

    @TempDir
    Path tmp;

    @Test
    void scanPrintsOneLinePerMatchWithTheRuleAuthor() throws Exception {
        Path data = SharedData.dir();
        List<JsonNode> lines = run("scan", "--rules", data.resolve("sigma-rules").resolve(RULE).toString(),
                "--events", data.resolve("sigma-regression").resolve(EVENTS).toString());
        // The file holds two concatenated evtx_dump events; SigmaHQ labels both as matches.
        assertEquals(2, lines.size());
        assertEquals(0, lines.get(0).path("event_index").asInt());
        assertEquals(1, lines.get(1).path("event_index").asInt());
        assertEquals("7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d", lines.get(0).path("rule_id").asText());
        assertEquals("high", lines.get(0).path("level").asText());
        assertTrue(!lines.get(0).path("rule_author").asText().isBlank());
    }

    @Test
    void scanAppliesFiltersToTheRulesTheyName() throws Exception {
        Path data = SharedData.dir();
        Path filter = tmp.resolve("mf_internal_screenshot_share.yml");
        Files.writeString(filter, """
                title: Snipping Tool opens the internal screenshot share
                logsource: {category: process_creation, product: windows}
                filter:
                  rules: [7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d]
                  share:
                    CommandLine|contains: 'filePath=http://172.16.137.159:8000/'
                  condition: not share
                """);
        List<JsonNode> lines = run("scan", "--rules", data.resolve("sigma-rules").resolve(RULE).toString(),
                "--events", data.resolve("sigma-regression").resolve(EVENTS).toString(), "--filters", filter.toString());
        assertEquals(List.of(0), indexes(lines), "the HTTP share event is tuned out, the UNC one still matches");
    }

    @Test
    void scanReadsJsonLinesAndArraysAndCountsEveryEvent() throws Exception {
        Path rule = tmp.resolve("r.yml");
        Files.writeString(rule, "title: whoami\nid: 11111111-2222-3333-4444-555555555555\nauthor: Vigil tests\nlevel: low\n"
                + "logsource: {product: windows, category: process_creation}\n"
                + "detection:\n  sel:\n    Image|endswith: '\\whoami.exe'\n  condition: sel\n");
        String hit = "{\"EventID\":4688,\"Channel\":\"Security\",\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}";
        String miss = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"C:\\\\x\\\\cmd.exe\"}";
        Path jsonl = tmp.resolve("e.jsonl");
        Files.writeString(jsonl, miss + "\n" + hit + "\n" + miss + "\n");
        Path array = tmp.resolve("e.json");
        Files.writeString(array, "[" + hit + "," + miss + "," + hit + "]");
        assertEquals(List.of(1), indexes(run("scan", "--rules", rule.toString(), "--events", jsonl.toString())));
        assertEquals(List.of(0, 2), indexes(run("scan", "--rules", rule.toString(), "--events", array.toString())));
    }

    @Test
    void checkReportsEachRuleFileWithItsError() throws Exception {
        Files.writeString(tmp.resolve("good.yml"), "title: ok\nid: a\nlogsource: {product: x}\ndetection:\n  s:\n    f: 1\n  condition: s\n");
        Files.writeString(tmp.resolve("bad.yml"), "title: bad\nlogsource: {product: x}\ndetection:\n  s:\n    f|nosuch: 1\n  condition: s\n");
        List<JsonNode> lines = run("check", "--rules", tmp.toString());
        assertEquals(2, lines.size());
        JsonNode bad = lines.get(0);
        assertTrue(bad.path("path").asText().endsWith("bad.yml"));
        assertEquals(false, bad.path("compiled").asBoolean());
        assertTrue(bad.path("error").asText().contains("unknown modifier 'nosuch'"), bad.toString());
        assertEquals(true, lines.get(1).path("compiled").asBoolean());
    }

    @Test
    void checkNamesTheExpressionsThatRunOnTheBoundedFallback() throws Exception {
        Files.writeString(tmp.resolve("re.yml"), "title: re\nid: r\nlogsource: {product: x}\ndetection:\n  s:\n"
                + "    a|re: '(\\w+)\\s\\1'\n    b|re: 'powershell.*-enc'\n  condition: s\n");
        JsonNode line = run("check", "--rules", tmp.toString()).get(0);
        assertEquals(true, line.path("compiled").asBoolean(), line.toString());
        assertEquals(1, line.path("boundedRegex").size(), "the back-reference, not the plain expression");
        assertEquals("(\\w+)\\s\\1", line.path("boundedRegex").get(0).asText());
    }

    private static List<Integer> indexes(List<JsonNode> lines) {
        return lines.stream().map(l -> l.path("event_index").asInt()).toList();
    }

    private static List<JsonNode> run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SigmaCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(m.readTree(l));
            }
        }
        return lines;
    }
}
