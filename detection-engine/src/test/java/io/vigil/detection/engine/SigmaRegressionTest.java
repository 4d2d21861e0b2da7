package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SigmaHQ's regression data: every labelled rule matches its recorded events (at least
 * min_expected_matches of expected_matches.csv), from the raw evtx_dump JSON through flattening, the
 * logsource mapping and the engine, with all the labelled rules loaded together.
 */
class SigmaRegressionTest {

    record Case(String ruleId, String rulePath, String jsonPath, int minMatches) {
    }

    @Test
    void everyLabelledRuleMatchesItsRecordedEvents() throws Exception {
        Path data = SharedData.dir();
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(data.resolve("sigma-regression/expected_matches.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            cases.add(new Case(c[0], c[1], c[2], Integer.parseInt(c[4])));
        }
        RuleSet all = new RuleSet(LogsourceMapping.defaults());
        for (Case c : cases) {
            all.add(SigmaParser.parse(Files.readString(data.resolve("sigma-rules").resolve(c.rulePath()))));
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            int hits = 0;
            int events = 0;
            try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class)
                    .readValues(mapper.getFactory().createParser(data.resolve("sigma-regression").resolve(c.jsonPath()).toFile()))) {
                while (it.hasNext()) {
                    events++;
                    for (SigmaRule r : all.match(EventFlattener.flatten(it.next()))) {
                        if (c.ruleId().equals(r.id())) {
                            hits++;
                        }
                    }
                }
            }
            if (hits < c.minMatches()) {
                misses.add(c.rulePath() + ": " + hits + " of " + events + " events matched, expected >= " + c.minMatches());
            }
        }
        System.out.printf("Sigma regression: %d of %d rules matched their labelled events%n", cases.size() - misses.size(), cases.size());
        assertTrue(cases.size() >= 150, "cases: " + cases.size());
        assertTrue(misses.isEmpty(), misses.size() + " rules missed:\n" + String.join("\n", misses));
    }
}
