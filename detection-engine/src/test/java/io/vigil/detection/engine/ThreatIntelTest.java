package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorImport;
import io.vigil.detection.engine.intel.IndicatorSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Indicators from ../shared/data/threat-intel (STIX 2.x bundles, the IPsum list) matched against events. */
class ThreatIntelTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void stixBundlesImportWithTheirContext() throws Exception {
        List<Indicator> all = stix();
        assertEquals(3, all.size());
        Indicator hash = all.stream().filter(i -> i.type() == Indicator.Type.SHA256).findFirst().orElseThrow();
        assertEquals("ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c", hash.value());
        assertEquals("Poison Ivy", hash.context(), "the indicates relationship names the malware");
        assertTrue(all.stream().anyMatch(i -> i.type() == Indicator.Type.URL && i.value().equals("http://x4z9arb.cn/4712/")));
        assertTrue(all.stream().anyMatch(i -> i.type() == Indicator.Type.IPV4 && i.value().equals("10.0.0.0")));
    }

    @Test
    void indicatorsMatchWhateverFieldHoldsThem() throws Exception {
        List<Indicator> indicators = new ArrayList<>(stix());
        IndicatorImport.Result ipsum = IndicatorImport.list(Files.readString(dir().resolve("ipsum/ipsum-level8-with-counts.csv")), "ipsum");
        assertTrue(ipsum.skipped().isEmpty(), ipsum.skipped().toString());
        assertEquals(Files.readAllLines(dir().resolve("ipsum/levels-8.txt")).stream().filter(l -> !l.isBlank()).count(),
                ipsum.indicators().size());
        indicators.addAll(ipsum.indicators());
        IndicatorSet set = new IndicatorSet(indicators);
        String badIp = ipsum.indicators().get(0).value();

        MapEvent network = new MapEvent(Map.of("EventID", 3, "DestinationIp", badIp, "SourceIp", "192.168.2.5"));
        assertEquals(List.of("DestinationIp"), set.match(network, NOW).stream().map(IndicatorSet.Hit::field).toList());

        MapEvent process = EventFlattener.flatten(new ObjectMapper().readTree("{\"EventID\":1,\"Hashes\":"
                + "\"SHA1=0000000000000000000000000000000000000000,MD5=00000000000000000000000000000000,"
                + "SHA256=EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C\"}"));
        List<IndicatorSet.Hit> hits = set.match(process, NOW);
        assertEquals(1, hits.size());
        assertEquals("Poison Ivy", hits.get(0).indicator().context());

        MapEvent proxy = new MapEvent(Map.of("url.original", "http://x4z9arb.cn/4712/"));
        assertEquals(1, set.match(proxy, NOW).size());
        assertEquals(0, set.match(new MapEvent(Map.of("DestinationIp", "8.8.8.8")), NOW).size());
    }

    @Test
    void noIndicatorOfTheListAppearsInTheOtrfRecordings() throws Exception {
        // The lab recordings talk to private and Azure addresses only: a broad TI set must stay quiet on them.
        IndicatorSet set = new IndicatorSet(IndicatorImport.list(
                Files.readString(dir().resolve("ipsum/levels-8.txt")), "ipsum").indicators());
        ObjectMapper m = new ObjectMapper();
        long events = 0;
        long hits = 0;
        try (Stream<Path> files = Files.walk(SharedData.dir().resolve("datasets"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    events++;
                    hits += set.match(EventFlattener.flatten(m.readTree(line)), NOW).size();
                }
            }
        }
        assertEquals(10_417, events);
        assertEquals(0, hits);
    }

    @Test
    void theHashOfTheDumpertToolFindsItsRecordingAndNoOther() throws Exception {
        // The SHA-256 of Outflank-Dumpert.exe (an LSASS dumping tool) as a tenant's list indicator: Sysmon's
        // Hashes field carries it where the tool starts and where its image is loaded, in one recording only.
        IndicatorSet set = new IndicatorSet(IndicatorImport.list(
                "D286348DE31501385A3A8F57A08AF602722913C36AAA4AA9FCB9EE129A7680C0\n", "case-4711").indicators());
        assertEquals(1, set.size());
        ObjectMapper m = new ObjectMapper();
        Map<String, Integer> hitsPerRecording = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(SharedData.dir().resolve("datasets"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    MapEvent e = EventFlattener.flatten(m.readTree(line));
                    List<IndicatorSet.Hit> hits = set.match(e, NOW);
                    if (!hits.isEmpty()) {
                        // Found in Sysmon's Hashes, and in the rendered message that repeats it.
                        assertTrue(hits.stream().allMatch(h -> List.of("Hashes", "Message").contains(h.field())), hits.toString());
                        assertTrue(hits.stream().anyMatch(h -> h.field().equals("Hashes")));
                        assertTrue(String.valueOf(e.get("Image")).endsWith("Outflank-Dumpert.exe"), line);
                        hitsPerRecording.merge(f.getParent().getFileName().toString(), 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(Map.of("cmd_lsass_memory_dumpert_syscalls", 2), hitsPerRecording);
    }

    @Test
    void expiredAndUnsupportedIndicatorsAreHandledExplicitly() throws Exception {
        IndicatorImport.Result r = IndicatorImport.stix("""
                {"type":"bundle","objects":[
                 {"type":"indicator","id":"indicator--1","pattern_type":"stix","name":"old C2",
                  "pattern":"[ipv4-addr:value = '203.0.113.5'] OR [domain-name:value = 'Evil.Example']",
                  "valid_from":"2020-01-01T00:00:00Z","valid_until":"2021-01-01T00:00:00Z"},
                 {"type":"indicator","id":"indicator--2","pattern_type":"stix",
                  "pattern":"[process:name = 'x.exe']"},
                 {"type":"indicator","id":"indicator--3","pattern_type":"snort","pattern":"alert tcp any any"},
                 {"type":"indicator","id":"indicator--4","pattern_type":"stix",
                  "pattern":"[ipv4-addr:value = '198.51.100.0/24']"}]}""", "test");
        assertEquals(3, r.indicators().size());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).contains("unsupported object path process:name"));
        IndicatorSet set = new IndicatorSet(r.indicators());
        MapEvent e = new MapEvent(Map.of("dst", "203.0.113.5", "dns.question.name", "evil.example"));
        assertEquals(2, set.match(e, Instant.parse("2020-06-01T00:00:00Z")).size());
        assertEquals(0, set.match(e, NOW).size(), "expired");
        assertEquals(1, set.match(new MapEvent(Map.of("src", "198.51.100.77")), NOW).size(), "CIDR");
    }

    private static List<Indicator> stix() throws Exception {
        List<Indicator> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir().resolve("stix2-examples"))) {
            for (Path f : s.sorted().toList()) {
                IndicatorImport.Result r = IndicatorImport.stix(Files.readString(f), f.getFileName().toString());
                assertTrue(r.skipped().isEmpty(), r.skipped().toString());
                out.addAll(r.indicators());
            }
        }
        return out;
    }

    private static Path dir() {
        return SharedData.dir().resolve("threat-intel");
    }
}
