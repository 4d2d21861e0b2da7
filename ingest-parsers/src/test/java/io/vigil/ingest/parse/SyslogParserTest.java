package io.vigil.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syslog parsing against the Tenzir and Elastic pairs in ../shared/data/parsing/syslog-*. */
class SyslogParserTest {

    static final Instant RECEIVED = Instant.parse("2026-11-23T12:00:00Z");
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void rfc5424PairsParseToTheExpectedHeaderAndMessage() throws Exception {
        Path dir = VigilInfra.sharedData().resolve("parsing/syslog-rfc5424/tenzir");
        int checked = 0;
        for (String name : List.of("split_rfc5424", "leef-over-syslog", "heterogeneous")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".input.log")).stream().filter(l -> !l.isBlank()).toList();
            JsonNode expected = mapper.readTree(dir.resolve(name + ".expected.json").toFile()).path("expected");
            assertEquals(expected.size(), lines.size(), name);
            for (int i = 0; i < lines.size(); i++) {
                SyslogParser.Syslog got = SyslogParser.parse(lines.get(i), RECEIVED, ZoneOffset.UTC);
                JsonNode want = expected.get(i);
                String where = name + " line " + (i + 1);
                assertEquals(want.path("message").asText(), got.message(), where);
                if (want.has("facility")) {
                    assertEquals(want.path("facility").asInt(), got.facility(), where);
                    assertEquals(want.path("severity").asInt(), got.severity(), where);
                    assertEquals(want.path("version").asInt(), got.version(), where);
                    assertEquals(Instant.parse(want.path("timestamp").asText()), got.timestamp(), where);
                    assertEquals(want.path("hostname").asText(), got.hostname(), where);
                    assertEquals(want.path("app_name").asText(), got.appName(), where);
                    assertEquals(want.path("process_id").isNull() ? null : want.path("process_id").asText(), got.processId(), where);
                    assertNull(got.messageId(), where);
                }
                // Tenzir infers types of SD values; the wire text is what Vigil keeps.
                want.path("structured_data").fields().forEachRemaining(el -> el.getValue().fields().forEachRemaining(p ->
                        assertEquals(p.getValue().asText(), got.structuredData().get(el.getKey()).get(p.getKey()), where)));
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void rfc3164AndCiscoDialectParseToTheExpectedParts() throws Exception {
        Path dir = VigilInfra.sharedData().resolve("parsing/syslog-rfc3164/tenzir");
        int checked = 0;
        for (String name : List.of("split_rfc3164", "cisco_dialect")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".input.log")).stream().filter(l -> !l.isBlank()).toList();
            JsonNode expected = mapper.readTree(dir.resolve(name + ".expected.json").toFile()).path("expected");
            assertEquals(expected.size(), lines.size(), name);
            for (int i = 0; i < lines.size(); i++) {
                SyslogParser.Syslog got = SyslogParser.parse(lines.get(i), RECEIVED, ZoneOffset.UTC);
                JsonNode want = expected.get(i);
                String where = name + " line " + (i + 1);
                assertEquals(want.path("facility").asInt(), got.facility(), where);
                assertEquals(want.path("severity").asInt(), got.severity(), where);
                assertEquals(text(want.path("hostname")), got.hostname(), where);
                assertEquals(text(want.path("app_name")), got.appName(), where);
                assertEquals(text(want.path("process_id")), got.processId(), where);
                assertEquals(want.path("content").asText(), got.message(), where);
                checked++;
            }
        }
        assertEquals(4, checked);
        // The Cisco timestamps, with their zones, as instants.
        assertEquals(Instant.parse("2026-04-14T08:45:52Z"), SyslogParser.parse(
                "<189>: 2026 Apr 14 08:45:52 UTC: %SYS-5-X: y", RECEIVED, ZoneOffset.UTC).timestamp());
        assertEquals(Instant.parse("2026-04-04T15:45:52Z"), SyslogParser.parse(
                "<189>: 2026 Apr 4 08:45:52 PDT: %SYS-5-CONFIG_I: Configured from console by console", RECEIVED, ZoneOffset.UTC).timestamp());
    }

    @Test
    void elasticSystemdLinesWithoutPriorityReadInTheSourceZone() throws Exception {
        Path dir = VigilInfra.sharedData().resolve("parsing/syslog-rfc3164/elastic-integrations");
        List<String> lines = Files.readAllLines(dir.resolve("test-systemd.log")).stream().filter(l -> !l.isBlank()).toList();
        JsonNode expected = mapper.readTree(dir.resolve("test-systemd.log-expected.json").toFile()).path("expected");
        assertEquals(expected.size(), lines.size());
        ZoneId minus2 = ZoneOffset.ofHours(-2); // the pair's config: event.timezone GMT-0200
        for (int i = 0; i < lines.size(); i++) {
            SyslogParser.Syslog got = SyslogParser.parse(lines.get(i), RECEIVED, minus2);
            JsonNode want = expected.get(i);
            String where = "line " + (i + 1);
            assertEquals(want.path("host").path("hostname").asText(), got.hostname(), where);
            assertEquals(want.path("process").path("name").asText(), got.appName(), where);
            assertEquals(want.path("process").path("pid").asText(), got.processId(), where);
            assertEquals(want.path("message").asText(), got.message(), where);
            // Same wall-clock time and offset; the oracle's year is the year it ran.
            java.time.OffsetDateTime w = java.time.OffsetDateTime.parse(want.path("@timestamp").asText());
            assertEquals(w.toInstant().atZone(ZoneOffset.UTC).withYear(2000),
                    got.timestamp().atZone(ZoneOffset.UTC).withYear(2000), where);
        }
    }

    @Test
    void malformedSyslogIsRefusedWithTheReason() {
        assertThrows(ParseException.class, () -> SyslogParser.parse("<999>1 2023-01-01T00:00:00Z h a 1 - - x", RECEIVED, ZoneOffset.UTC));
        assertThrows(ParseException.class, () -> SyslogParser.parse("<165>1 yesterday host app 1 - - x", RECEIVED, ZoneOffset.UTC));
        assertThrows(ParseException.class, () -> SyslogParser.parse("<165>1 2023-01-01T00:00:00Z host app 1 - [unclosed x=\"1\" msg", RECEIVED, ZoneOffset.UTC));
        assertThrows(ParseException.class, () -> SyslogParser.parse("no timestamp here", RECEIVED, ZoneOffset.UTC));
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
