package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.intel.IndicatorImport;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a rule author, a threat-intel feed or a client's telemetry can hand the engine: each input is
 * compiled, imported or matched, or refused with a reason (SigmaException, IOException); never another
 * exception or an overflow. Replays its seeds and every crash found so far in each build;
 * {@code ./vigil test fuzz} fuzzes each for real.
 */
class EngineFuzzTest {

    static final List<String> FIELDS = List.of("CommandLine", "Image", "ParentImage", "TargetFilename", "DestinationIp",
            "SourceIp", "EventID", "User", "Hashes", "QueryName", "TargetObject", "Details", "process.command_line");

    /** Every SigmaHQ Windows rule that compiles, once per JVM: the matcher is fuzzed against real rules. */
    static final RuleSet RULES = windowsRules();

    @FuzzTest(maxDuration = "60s")
    void anyRuleTextCompilesOrIsRefusedWithAReason(FuzzedDataProvider data) {
        try {
            assertNotNull(SigmaParser.parse(data.consumeRemainingAsString()));
        } catch (SigmaException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyConditionCompilesOrIsRefusedWithAReason(FuzzedDataProvider data) {
        String value = data.consumeString(40).replace("'", "''");
        String condition = data.consumeRemainingAsString().replace("'", "''");
        String yaml = "title: t\nlogsource: {product: windows}\ndetection:\n  selection:\n    CommandLine|contains: '" + value
                + "'\n  filter:\n    Image|endswith: '\\\\x.exe'\n  condition: '" + condition + "'\n";
        try {
            SigmaParser.parse(yaml);
        } catch (SigmaException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyThreatIntelIsImportedOrRefused(FuzzedDataProvider data) {
        boolean stix = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            IndicatorImport.Result r = stix ? IndicatorImport.stix(text, "fuzz") : IndicatorImport.list(text, "fuzz");
            new IndicatorSet(r.indicators()).match(new MapEvent(Map.of("DestinationIp", "203.0.113.5")), Instant.EPOCH);
        } catch (IOException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyEventIsMatchedWithoutFailing(FuzzedDataProvider data) {
        Map<String, Object> fields = new HashMap<>();
        int n = data.consumeInt(1, 6);
        for (int i = 0; i < n; i++) {
            String field = data.pickValue(FIELDS);
            fields.put(field, data.consumeBoolean() ? (Object) data.consumeLong() : data.consumeString(400));
        }
        fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        assertNotNull(RULES.match(new MapEvent(fields)));
    }

    private static RuleSet windowsRules() {
        RuleSet set = new RuleSet(LogsourceMapping.defaults());
        Path dir = SharedData.dir().resolve("sigma-rules/rules/windows");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try {
                    set.add(SigmaParser.parse(Files.readString(f)));
                } catch (SigmaException skipped) {
                    // the corpus test accounts for these
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the SigmaHQ rules are not at " + dir, e);
        }
        return set;
    }
}
