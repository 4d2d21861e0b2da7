package io.vigil.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Whatever a log shipper sends, each reader (syslog RFC 5424/3164, CEF, LEEF, JSON) either gives an event
 * or refuses the line with a reason; nothing else (no other exception, no overflow). Replays its seeds and
 * every crash found so far in each build; {@code ./vigil test fuzz} fuzzes it for real.
 */
class ParserFuzzTest {

    static final Map<String, LineParser> PARSERS = LineParsers.builtIn();
    static final List<String> FORMATS = List.of("syslog", "cef", "leef", "json");
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("Asia/Tokyo"));

    @FuzzTest(maxDuration = "60s")
    void anyLineIsReadOrRefusedWithAReason(FuzzedDataProvider data) {
        String format = data.pickValue(FORMATS);
        ZoneId zone = data.pickValue(ZONES);
        String line = data.consumeRemainingAsString();
        try {
            ObjectNode event = PARSERS.get(format).parse(line, Instant.parse("2026-12-02T00:00:00Z"), zone);
            assertNotNull(event, format + " gave no event and no reason for: " + line);
        } catch (ParseException refused) {
            assertNotNull(refused.getMessage(), "a refusal says why");
        }
    }
}
