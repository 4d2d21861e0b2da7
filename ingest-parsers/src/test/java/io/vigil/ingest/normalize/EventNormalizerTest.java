package io.vigil.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Normalisation checked against other producers' output for the same raw events: Elastic's Winlogbeat and
 * CloudTrail pipeline tests, the OCSF examples' Zeek mappings, and the flattening of the Sigma regression
 * events (evtx_dump JSON).
 */
class EventNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PARSING = VigilInfra.sharedData().resolve("parsing");

    @Test
    void winlogbeatSysmonEventGetsTheWindowsNamesAndElasticsEcsFields() throws Exception {
        JsonNode in = JSON.readTree(PARSING.resolve("windows-sysmon/elastic-integrations/test-image-loaded-failed-signature.json")
                .toFile()).get("events").get(0);
        JsonNode expected = JSON.readTree(PARSING.resolve(
                "windows-sysmon/elastic-integrations/test-image-loaded-failed-signature.json-expected.json").toFile())
                .get("expected").get(0);
        ObjectNode e = in.deepCopy();
        assertEquals(EventNormalizer.Shape.WINDOWS, EventNormalizer.normalize(e));
        // Sigma's names, lifted from winlog.event_data and winlog.*
        assertEquals(7, e.get("EventID").asInt());
        assertEquals("Microsoft-Windows-Sysmon/Operational", e.get("Channel").asText());
        assertEquals("C:\\Windows\\System32\\IDStore.dll", e.get("ImageLoaded").asText());
        // ECS names, as Elastic's own pipeline produced them from the same event
        for (String field : List.of("process.executable", "process.name", "process.pid", "file.path", "file.name",
                "file.hash.sha256", "file.hash.md5", "file.hash.sha1", "file.pe.imphash", "event.code")) {
            assertEquals(at(expected, field).asText(), e.get(field).asText(), field);
        }
        assertEquals("vagrant", e.get("host.name").asText());
        assertEquals("username", e.get("user.name").asText());
        assertEquals("DOMAIN", e.get("user.domain").asText());
        assertTrue(e.get("winlog").isObject(), "the original winlog object is kept");
    }

    @Test
    void cloudTrailRecordsMatchElasticsEcsFields() throws Exception {
        List<String> lines = Files.readAllLines(PARSING.resolve("aws-cloudtrail/elastic-integrations/test-console-login-json.log"));
        JsonNode expected = JSON.readTree(PARSING.resolve(
                "aws-cloudtrail/elastic-integrations/test-console-login-json.log-expected.json").toFile()).get("expected");
        assertEquals(expected.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(lines.get(i));
            assertEquals(EventNormalizer.Shape.CLOUDTRAIL, EventNormalizer.normalize(e));
            for (String field : List.of("event.action", "event.provider", "event.outcome", "source.ip", "cloud.region",
                    "cloud.account.id", "user.name", "user.id", "user_agent.original")) {
                JsonNode want = at(expected.get(i), field);
                if (!want.isMissingNode()) {
                    assertEquals(want.asText(), e.path(field).asText(), "record " + i + " " + field);
                }
            }
        }
    }

    @Test
    void zeekLogsMatchTheOcsfMappingsEndpoints() throws Exception {
        Path zeek = PARSING.resolve("ocsf-examples/mappings/markdown/Zeek");
        int checked = 0;
        try (Stream<Path> raws = Files.walk(zeek)) {
            for (Path raw : raws.filter(p -> p.toString().endsWith(".raw")).sorted().toList()) {
                Path ocsf = Path.of(raw.toString().replaceAll("\\.raw$", ".ocsf"));
                JsonNode expected;
                try {
                    expected = JSON.readTree(ocsf.toFile());
                } catch (Exception upstreamDefect) {
                    continue; // 3 OCSF files are not strict JSON (see INDEX.md)
                }
                ObjectNode e = (ObjectNode) JSON.readTree(raw.toFile());
                assertEquals(EventNormalizer.Shape.ZEEK, EventNormalizer.normalize(e), raw.toString());
                assertEquals(expected.path("src_endpoint").path("ip").asText(), e.path("source.ip").asText(), raw + " source.ip");
                assertEquals(expected.path("dst_endpoint").path("ip").asText(), e.path("destination.ip").asText(), raw + " destination.ip");
                assertEquals(expected.path("src_endpoint").path("port").asInt(), e.path("source.port").asInt(), raw + " source.port");
                assertEquals(expected.path("dst_endpoint").path("port").asInt(), e.path("destination.port").asInt(), raw + " destination.port");
                checked++;
            }
        }
        assertTrue(checked >= 7, "Zeek pairs checked: " + checked);
    }

    @Test
    void evtxDumpEventsLiftToTheSameFieldsAsTheirFlatteningAndGetEcsNames() throws Exception {
        Path data = VigilInfra.sharedData().resolve("sigma-regression/regression_data");
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            JsonNode doc;
            try {
                doc = JSON.readTree(f.toFile());
            } catch (Exception multipleEventsInOneFile) {
                continue;
            }
            Path flatFile = Path.of(f.toString().replaceAll("\\.json$", ".flat.jsonl"));
            if (!Files.exists(flatFile) || !doc.isObject()) {
                continue;
            }
            JsonNode flat = JSON.readTree(Files.readAllLines(flatFile).get(0));
            ObjectNode e = doc.deepCopy();
            EventNormalizer.normalize(e);
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) flat::fields) {
                if (!field.getValue().equals(e.get(field.getKey()))) {
                    problems.add(f.getFileName() + " " + field.getKey() + ": " + field.getValue() + " vs " + e.get(field.getKey()));
                }
            }
            if (flat.has("Image")) {
                assertEquals(flat.get("Image").asText(), e.path("process.executable").asText(), f.toString());
            }
            if (flat.has("CommandLine")) {
                assertEquals(flat.get("CommandLine").asText(), e.path("process.command_line").asText(), f.toString());
            }
            assertEquals(flat.get("EventID").asText(), e.path("event.code").asText());
            checked++;
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 140, "evtx_dump events checked: " + checked);
    }

    @Test
    void normalisingOnlyTheFieldsItReadsAddsExactlyWhatNormalisingTheWholeEventAdds() throws Exception {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(VigilInfra.sharedData().resolve("datasets"))) {
            s.filter(p -> p.toString().endsWith(".jsonl")).forEach(inputs::add);
        }
        inputs.add(VigilInfra.sharedData().resolve("sigma-regression/all_events.flat.jsonl"));
        inputs.add(PARSING.resolve("aws-cloudtrail/elastic-integrations/test-console-login-json.log"));
        List<String> lines = new ArrayList<>();
        for (Path p : inputs) {
            Files.readAllLines(p).stream().filter(l -> l.startsWith("{")).forEach(lines::add);
        }
        lines.add(JSON.readTree(PARSING.resolve("windows-sysmon/elastic-integrations/test-image-loaded-failed-signature.json")
                .toFile()).get("events").get(0).toString());
        try (Stream<Path> s = Files.walk(VigilInfra.sharedData().resolve("sigma-regression/regression_data"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    lines.add(JSON.readTree(f.toFile()).toString());
                } catch (Exception multipleEvents) {
                    // skipped
                }
            }
        }
        try (Stream<Path> s = Files.walk(PARSING.resolve("ocsf-examples/mappings/markdown/Zeek"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".raw")).toList()) {
                lines.add(JSON.readTree(f.toFile()).toString());
            }
        }
        int checked = 0;
        for (String line : lines) {
            ObjectNode full = (ObjectNode) JSON.readTree(line);
            if (full.has("winlog") || full.has("Event")) {
                continue; // shapes whose fields are lifted: the gateway reads those whole
            }
            // As the gateway reads an event: the values read, a placeholder for other dotted names, nothing else.
            ObjectNode light = full.objectNode();
            full.fields().forEachRemaining(f -> {
                if (EventNormalizer.READS.contains(f.getKey())) {
                    light.set(f.getKey(), f.getValue().deepCopy());
                } else if (f.getKey().contains(".")) {
                    light.set(f.getKey(), com.fasterxml.jackson.databind.node.NullNode.getInstance());
                }
            });
            int lightBefore = light.size();
            int before = full.size();
            EventNormalizer.normalize(full);
            EventNormalizer.normalize(light);
            List<String> fullAdded = new ArrayList<>();
            List<String> lightAdded = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) full::fields) {
                if (i++ >= before) {
                    fullAdded.add(f.getKey() + "=" + f.getValue());
                }
            }
            i = 0;
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) light::fields) {
                if (i++ >= lightBefore) {
                    lightAdded.add(f.getKey() + "=" + f.getValue());
                }
            }
            assertEquals(fullAdded, lightAdded, line.substring(0, Math.min(200, line.length())));
            checked++;
        }
        assertTrue(checked > 10_000, "events checked: " + checked);
    }

    /** A dotted ECS path in a nested document. */
    private static JsonNode at(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        if (n.isArray() && n.size() > 0) {
            return n.get(0);
        }
        return n;
    }
}
