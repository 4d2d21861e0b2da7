package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Sigma correlation rules over streams of base-rule matches, on the OTRF attack recordings and on edge cases. */
class CorrelationTest {

    static final String MINIDUMP = """
            title: comsvcs MiniDump via rundll32
            id: 1d0c6a2e-0000-4000-8000-000000000001
            name: comsvcs_minidump
            logsource: {product: windows, category: process_creation}
            detection:
              sel:
                Image|endswith: '\\\\rundll32.exe'
                CommandLine|contains|all: [comsvcs, MiniDump]
              condition: sel
            """;
    static final String LSASS_ACCESS = """
            title: rundll32 opens lsass
            id: 1d0c6a2e-0000-4000-8000-000000000002
            name: rundll32_lsass_access
            logsource: {product: windows, category: process_access}
            detection:
              sel:
                SourceImage|endswith: '\\\\rundll32.exe'
                TargetImage|endswith: '\\\\lsass.exe'
              condition: sel
            """;
    static final String DUMP_THEN_ACCESS = """
            title: LSASS dumped with comsvcs (minidump command, then lsass opened)
            id: 1d0c6a2e-0000-4000-8000-000000000003
            correlation:
              type: temporal_ordered
              rules: [comsvcs_minidump, rundll32_lsass_access]
              group-by: [Hostname]
              timespan: 1m
            """;

    @Test
    void temporalOrderedFiresOnlyOnTheRecordingOfThatAttack() throws Exception {
        RuleSet base = new RuleSet(LogsourceMapping.defaults()).add(SigmaParser.parse(MINIDUMP)).add(SigmaParser.parse(LSASS_ACCESS));
        Map<String, Integer> firedPerDataset = new HashMap<>();
        Path root = SharedData.dir().resolve("datasets/otrf-security-datasets");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertEquals(15, files.size());
        ObjectMapper mapper = new ObjectMapper();
        for (Path f : files) {
            String dataset = f.getParent().getFileName().toString();
            // One engine for all, one tenant per recording: groups must never mix tenants.
            List<Object[]> matches = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                MapEvent e = EventFlattener.flatten(mapper.readTree(line));
                for (SigmaRule r : base.match(e)) {
                    matches.add(new Object[] {r, e, SharedData.eventTime(e)});
                }
            }
            matches.sort((a, b) -> ((Instant) a[2]).compareTo((Instant) b[2]));
            CorrelationEngine engine = shared(dataset);
            int fired = 0;
            for (Object[] m : matches) {
                fired += engine.onMatch(dataset, (SigmaRule) m[0], (MapEvent) m[1], (Instant) m[2]).size();
            }
            firedPerDataset.put(dataset, fired);
        }
        assertEquals(1, firedPerDataset.get("psh_lsass_memory_dump_comsvcs"), firedPerDataset.toString());
        firedPerDataset.remove("psh_lsass_memory_dump_comsvcs");
        assertTrue(firedPerDataset.values().stream().allMatch(n -> n == 0), firedPerDataset.toString());
    }

    private static CorrelationEngine engine;

    private static synchronized CorrelationEngine shared(String dataset) {
        if (engine == null) {
            engine = new CorrelationEngine(List.of(CorrelationRule.parse(DUMP_THEN_ACCESS)));
        }
        return engine;
    }

    @Test
    void orderMattersForTemporalOrderedButNotForTemporal() {
        SigmaRule a = SigmaParser.parse(MINIDUMP);
        SigmaRule b = SigmaParser.parse(LSASS_ACCESS);
        CorrelationEngine ordered = new CorrelationEngine(List.of(CorrelationRule.parse(DUMP_THEN_ACCESS)));
        CorrelationEngine any = new CorrelationEngine(List.of(CorrelationRule.parse(DUMP_THEN_ACCESS.replace("temporal_ordered", "temporal"))));
        MapEvent host = new MapEvent(Map.of("Hostname", "ws1"));
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        assertEquals(0, ordered.onMatch("t", b, host, t).size());
        assertEquals(0, ordered.onMatch("t", a, host, t.plusSeconds(1)).size(), "b before a is not the sequence");
        assertEquals(0, any.onMatch("t", b, host, t).size());
        assertEquals(1, any.onMatch("t", a, host, t.plusSeconds(1)).size());
        assertEquals(1, ordered.onMatch("t", b, host, t.plusSeconds(2)).size(), "a then b within the minute");
        assertEquals(0, ordered.onMatch("t", b, host, t.plusSeconds(3)).size(), "fires once, then starts again");
    }

    @Test
    void eventCountCountsPerGroupAndTenantWithinTheTimespan() {
        SigmaRule failed = SigmaParser.parse("title: failed logon\nid: f\nlogsource: {product: windows, service: security}\n"
                + "detection:\n  s:\n    EventID: 4625\n  condition: s\n");
        CorrelationEngine e = new CorrelationEngine(List.of(CorrelationRule.parse("""
                title: brute force
                id: bf
                correlation:
                  type: event_count
                  rules: [f]
                  group-by: [TargetUserName]
                  timespan: 5m
                  condition: {gte: 3}
                """)));
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        MapEvent alice = new MapEvent(Map.of("TargetUserName", "alice"));
        MapEvent bob = new MapEvent(Map.of("TargetUserName", "bob"));
        assertEquals(0, e.onMatch("t1", failed, alice, t).size());
        assertEquals(0, e.onMatch("t1", failed, alice, t.plusSeconds(60)).size());
        assertEquals(0, e.onMatch("t1", failed, bob, t.plusSeconds(61)).size(), "another user is another group");
        assertEquals(0, e.onMatch("t2", failed, alice, t.plusSeconds(62)).size(), "another tenant is another group");
        assertEquals(0, e.onMatch("t1", failed, alice, t.plusSeconds(400)).size(), "the first two fell out of the window");
        assertEquals(0, e.onMatch("t1", failed, alice, t.plusSeconds(401)).size());
        List<CorrelationEngine.Hit> hits = e.onMatch("t1", failed, alice, t.plusSeconds(402));
        assertEquals(1, hits.size());
        assertEquals(Map.of("TargetUserName", "alice"), hits.get(0).group());
        assertEquals("t1", hits.get(0).tenant());
        assertEquals(0, e.onMatch("t1", failed, new MapEvent(Map.of("x", 1)), t).size(), "no group-by field: ignored");
    }

    @Test
    void valueCountCountsDistinctValues() {
        SigmaRule failed = SigmaParser.parse("title: failed logon\nid: f\nlogsource: {product: windows, service: security}\n"
                + "detection:\n  s:\n    EventID: 4625\n  condition: s\n");
        CorrelationEngine e = new CorrelationEngine(List.of(CorrelationRule.parse("""
                title: spraying
                id: sp
                correlation:
                  type: value_count
                  rules: [f]
                  group-by: [IpAddress]
                  timespan: 10m
                  condition: {field: TargetUserName, gt: 2}
                """)));
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        int fired = 0;
        for (String user : List.of("a", "a", "b", "b", "c")) {
            fired += e.onMatch("t", failed, new MapEvent(Map.of("IpAddress", "10.0.0.9", "TargetUserName", user)), t).size();
        }
        assertEquals(1, fired, "three distinct users from one address");
    }

    @Test
    void stateKeptAsJsonOutlivesTheEngineThatWroteIt() {
        // A store that keeps only JSON text, as the service's table does: a new engine (a restarted
        // service) picks up each group where the old one left it.
        Map<String, String> table = new java.util.concurrent.ConcurrentHashMap<>();
        io.vigil.detection.engine.correlation.CorrelationStore json = new io.vigil.detection.engine.correlation.CorrelationStore() {
            @Override
            public <T> T update(String tenant, CorrelationRule rule, String group,
                    java.util.function.Function<io.vigil.detection.engine.correlation.CorrelationState, T> change) {
                String key = tenant + "|" + rule.id() + "|" + group;
                io.vigil.detection.engine.correlation.CorrelationState s =
                        io.vigil.detection.engine.correlation.CorrelationState.fromJson(table.get(key));
                T out = change.apply(s);
                table.put(key, s.toJson());
                return out;
            }
        };
        SigmaRule a = SigmaParser.parse(MINIDUMP);
        SigmaRule b = SigmaParser.parse(LSASS_ACCESS);
        List<CorrelationRule> rules = List.of(CorrelationRule.parse(DUMP_THEN_ACCESS));
        MapEvent host = new MapEvent(Map.of("Hostname", "ws1"));
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        assertEquals(0, new CorrelationEngine(rules, json).onMatch("t", a, host, t).size());
        assertEquals(0, new CorrelationEngine(rules, json).onMatch("t2", b, host, t.plusSeconds(1)).size(),
                "another tenant's step does not complete the chain");
        List<CorrelationEngine.Hit> hits = new CorrelationEngine(rules, json).onMatch("t", b, host, t.plusSeconds(2));
        assertEquals(1, hits.size(), "the first step, remembered across engines, completes with the second");
        assertEquals(t, hits.get(0).first());

        CorrelationRule spray = CorrelationRule.parse("title: spraying\nid: sp\ncorrelation:\n  type: value_count\n"
                + "  rules: [f]\n  group-by: [IpAddress]\n  timespan: 10m\n  condition: {field: TargetUserName, gte: 3}\n");
        SigmaRule failed = SigmaParser.parse("title: failed logon\nid: f\nlogsource: {product: windows, service: security}\n"
                + "detection:\n  s:\n    EventID: 4625\n  condition: s\n");
        int fired = 0;
        for (String user : List.of("a", "b", "b", "c")) {
            fired += new CorrelationEngine(List.of(spray), json)
                    .onMatch("t", failed, new MapEvent(Map.of("IpAddress", "10.0.0.9", "TargetUserName", user)), t).size();
        }
        assertEquals(1, fired, "distinct values survive the round trip");
    }

    @Test
    void invalidCorrelationsAreRefusedWithTheirLocation() {
        assertTrue(assertThrows(SigmaException.class, () -> CorrelationRule.parse(DUMP_THEN_ACCESS.replace("1m", "1 minute")))
                .getMessage().startsWith("correlation.timespan"));
        assertTrue(assertThrows(SigmaException.class, () -> CorrelationRule.parse(DUMP_THEN_ACCESS.replace("temporal_ordered", "sequence")))
                .getMessage().startsWith("correlation.type"));
        assertTrue(assertThrows(SigmaException.class, () -> CorrelationRule.parse("title: x\ncorrelation:\n  type: value_count\n"
                + "  rules: [a]\n  group-by: [b]\n  timespan: 1h\n  condition: {gte: 3}\n")).getMessage().contains("field"));
    }
}
