package io.vigil.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LEEF 1.0 and 2.0. The only external LEEF lines are the two LEEF 2.0 payloads inside RFC 5424 of
 * ../shared/data/parsing/syslog-rfc5424/tenzir (written with a literal "\t"); there is no external parsed
 * oracle, so their attributes are checked against the line's own text.
 */
class LeefParserTest {

    @Test
    void leefOverSyslogFromTheTenzirFixtureParsesHeaderAndAttributes() throws Exception {
        List<String> lines = Files.readAllLines(VigilInfra.sharedData()
                .resolve("parsing/syslog-rfc5424/tenzir/leef-over-syslog.input.log")).stream().filter(l -> !l.isBlank()).toList();
        ObjectNode first = new SyslogLineParser().parse(lines.get(0), Instant.now(), ZoneOffset.UTC);
        assertEquals("Microsoft", first.path("observer.vendor").asText());
        assertEquals("10", first.path("event.code").asText());
        assertEquals("LAPTOP-45Q5L6E5", first.path("host.name").asText());
        assertEquals(6, first.path("event.severity").asInt());
        assertEquals("Process 'chrome.exe' was blocked", first.path("message").asText());
        assertEquals("2019-11-21T13:44:35Z", first.path("@timestamp").asText(), "devTime wins over the syslog time");
        ObjectNode second = new SyslogLineParser().parse(lines.get(1), Instant.now(), ZoneOffset.UTC);
        assertEquals("Zscaler", second.path("observer.vendor").asText());
        assertEquals("jane.doe", second.path("user.name").asText());
        assertEquals("203.0.113.10", second.path("source.ip").asText());
        assertEquals("198.51.100.20", second.path("destination.ip").asText());
        assertEquals("firewall", second.path("leef.attributes.cat").asText());
        assertEquals("2019-11-21T13:44:37Z", second.path("@timestamp").asText());
    }

    @Test
    void leef10UsesTabsAndLeef20ItsOwnDelimiter() throws Exception {
        LeefParser.Leef v1 = LeefParser.parse("LEEF:1.0|QRadar|QRM|1.0|NEW_PORT_DISCOVERD|src=172.5.6.67\tdst=172.50.123.1\tsev=5\tcat=anomaly\tmsg=there are spaces in this message");
        assertEquals("NEW_PORT_DISCOVERD", v1.eventId());
        assertEquals("there are spaces in this message", v1.attributes().get("msg"));
        assertEquals(5, v1.attributes().size());
        LeefParser.Leef caret = LeefParser.parse("LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^srcPort=81^dstPort=21");
        assertEquals("21", caret.attributes().get("dstPort"));
        LeefParser.Leef hex = LeefParser.parse("LEEF:2.0|Vendor|Product|1.0|7|x7C|a=1|b=2");
        assertEquals(List.of("a", "b"), List.copyOf(hex.attributes().keySet()));
        ObjectNode n = LeefParser.normalize(caret, "raw", ZoneOffset.UTC);
        assertEquals(81, n.path("source.port").asInt());
        assertTrue(n.has("leef.attributes.sev"));
    }

    @Test
    void malformedLeefIsRefusedWithTheReason() {
        assertTrue(assertThrows(ParseException.class, () -> LeefParser.parse("LEEF:2.0|V|P|1.0"))
                .getMessage().contains("truncated"));
        assertTrue(assertThrows(ParseException.class, () -> LeefParser.parse("LEEF:2.0|V|P|1.0|7|xZZ9|a=1"))
                .getMessage().contains("delimiter"));
        assertThrows(ParseException.class, () -> LeefParser.parse("LEEF:1.0|V|P|1.0|7|novalue"));
        assertThrows(ParseException.class, () -> LeefParser.parse("LEEF:3.0|V|P|1.0|7|a=1"));
    }
}
