package io.vigil.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** CEF parsing against third-party oracles in ../shared/data/parsing/cef (see its INDEX.md). */
class CefParserTest {

    static final Instant RECEIVED = Instant.parse("2017-05-03T00:00:00Z");
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void allNinetyJcustenborderCasesParseToTheExpectedMessage() throws Exception {
        Path dir = VigilInfra.sharedData().resolve("parsing/cef/jcustenborder-cef-parser");
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.getFileName().toString().startsWith("Message")).sorted().toList();
        }
        assertEquals(90, cases.size());
        for (Path c : cases) {
            JsonNode doc = mapper.readTree(c.toFile());
            String input = doc.path("input").asText();
            JsonNode want = doc.path("expected");
            CefParser.Cef got = CefParser.parse(input, RECEIVED);
            String where = c.getFileName() + ": " + input;
            assertEquals(want.path("cefVersion").asInt(), got.version(), where);
            assertEquals(want.path("deviceVendor").asText(), got.deviceVendor(), where);
            assertEquals(want.path("deviceProduct").asText(), got.deviceProduct(), where);
            assertEquals(want.path("deviceVersion").asText(), got.deviceVersion(), where);
            assertEquals(want.path("deviceEventClassId").asText(), got.deviceEventClassId(), where);
            assertEquals(want.path("name").asText(), got.name(), where);
            assertEquals(want.path("severity").asText(), got.severity(), where);
            Map<String, String> ext = new LinkedHashMap<>();
            want.path("extensions").fields().forEachRemaining(e -> ext.put(e.getKey(), e.getValue().asText()));
            assertEquals(ext, got.extensions(), where);
            if (want.has("host")) {
                assertEquals(want.path("host").asText(), got.host(), where);
            }
            if (want.has("timestamp")) {
                Instant expected = Instant.ofEpochMilli(want.path("timestamp").asLong());
                if (got.timestampHadYear()) {
                    assertEquals(expected, got.timestamp(), where);
                } else {
                    // The oracle filled a missing year with the year it ran; compare the rest.
                    assertEquals(expected.atZone(ZoneOffset.UTC).withYear(2000),
                            got.timestamp().atZone(ZoneOffset.UTC).withYear(2000), where);
                }
            }
        }
    }

    @Test
    void beatsGoldenFileNormalisesToTheSameFields() throws Exception {
        Path dir = VigilInfra.sharedData().resolve("parsing/cef/beats-decode_cef");
        List<String> lines = Files.readAllLines(dir.resolve("samples.log")).stream().filter(l -> !l.isBlank()).toList();
        JsonNode golden = mapper.readTree(dir.resolve("samples.log.golden.json").toFile());
        assertEquals(15, lines.size());
        assertEquals(lines.size(), golden.size());
        int compared = 0;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode ours = CefNormalizer.normalize(CefParser.parse(lines.get(i), RECEIVED), lines.get(i));
            Map<String, JsonNode> want = flatten(golden.get(i));
            String where = "line " + (i + 1) + ": " + lines.get(i);
            assertEquals(want.get("event.original").asText(), ours.path("event.original").asText(), where);
            for (String f : List.of("event.code", "message", "observer.vendor", "observer.product", "observer.version",
                    "observer.hostname", "observer.ip", "source.ip", "source.port", "destination.ip", "destination.port",
                    "event.action", "file.path", "event.severity", "error.message", "source.user.name",
                    "destination.user.name", "url.original", "network.transport")) {
                if (want.containsKey(f)) {
                    assertEquals(want.get(f).asText(), ours.path(f).asText(), where + " field " + f);
                    compared++;
                }
            }
            for (Map.Entry<String, JsonNode> w : want.entrySet()) {
                if (w.getKey().startsWith("cef.extensions.")) {
                    String name = w.getKey().substring("cef.extensions.".length());
                    String ourValue = extension(ours, name);
                    assertEquals(w.getValue().asText(), ourValue, where + " extension " + name);
                    compared++;
                }
            }
        }
        assertTrue(compared > 150, "compared " + compared);
    }

    @Test
    void malformedCefIsRefusedWithTheReason() {
        ParseException truncated = assertThrows(ParseException.class,
                () -> CefParser.parse("CEF:0|Vendor|Product|1.0|100", RECEIVED));
        assertTrue(truncated.getMessage().contains("truncated CEF header"), truncated.getMessage());
        assertThrows(ParseException.class, () -> CefParser.parse("just a line of text", RECEIVED));
        ParseException version = assertThrows(ParseException.class,
                () -> CefParser.parse("CEF:x|a|b|c|d|e|f|src=1.1.1.1", RECEIVED));
        assertTrue(version.getMessage().contains("version"));
    }

    /** Ours keeps full CEF names; the golden file writes one of them with a capital first letter. */
    private static String extension(ObjectNode ours, String name) {
        for (Iterator<String> it = ours.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (f.equalsIgnoreCase("cef.extensions." + name)) {
                return ours.path(f).asText();
            }
        }
        return null;
    }

    private static Map<String, JsonNode> flatten(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", n, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, JsonNode> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(prefix, n);
        }
    }
}
