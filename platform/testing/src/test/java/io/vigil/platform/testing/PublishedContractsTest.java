package io.vigil.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published message contracts hold together: the AsyncAPI parser, the schemas, their examples, the README. */
class PublishedContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void asyncApiDocumentValidatesWithTheAsyncApiParser() throws Exception {
        Path folder = tools();
        String out = run(folder, "node", "check-contracts.mjs");
        assertTrue(out.contains(" 0 errors"), out);
    }

    /** redocly lint (its recommended rules, openapi/redocly.yaml) finds no error in any published OpenAPI document. */
    @Test
    void everyOpenApiDocumentLintsWithoutErrors() throws Exception {
        Path folder = tools();
        List<String> command = new ArrayList<>(List.of("node", "node_modules/@redocly/cli/bin/cli.js", "lint",
                "--format=summary"));
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("package"))
                    .sorted().forEach(command::add);
        }
        assertTrue(command.size() >= 9, "the five services' documents: " + command);
        String out = run(folder, command.toArray(String[]::new));
        assertFalse(out.contains("error "), out);
    }

    /** The npm tools of openapi/ (package-lock.json), installed once per checkout. */
    private static Path tools() throws Exception {
        Path folder = EventContracts.folder();
        if (!Files.exists(folder.resolve("node_modules/@asyncapi/parser"))
                || !Files.exists(folder.resolve("node_modules/@redocly/cli"))) {
            run(folder, "npm", "ci", "--no-audit", "--no-fund");
        }
        return folder;
    }

    @Test
    void everyMessageTypeHasASchemaWhoseExamplesKeepIt() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(EventContracts.folder().resolve("events"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".schema.json".length())));
        }
        assertEquals(EventContracts.types(), files, "one schema file per message type of asyncapi.yaml, no more");
        for (String type : files) {
            List<JsonNode> examples = EventContracts.examples(type);
            assertFalse(examples.isEmpty(), type + " has no example");
            for (JsonNode example : examples) {
                String payload = example.isTextual() ? example.asText() : example.toString();
                assertEquals(List.of(), EventContracts.violations(type, 1, payload), type + " example " + payload);
            }
        }
    }

    @Test
    void anIncompatiblePayloadIsCaught() {
        ObjectNode alert = (ObjectNode) EventContracts.examples("alert.raised").get(0).deepCopy();
        alert.remove("ruleId");
        alert.put("severity", "SEVERE");
        alert.put("riskScore", 7);
        List<String> wrong = EventContracts.violations("alert.raised", 1, alert.toString());
        assertTrue(wrong.stream().anyMatch(v -> v.contains("ruleId")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(v -> v.contains("severity")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(v -> v.contains("riskScore")), wrong.toString());

        ObjectNode correlation = (ObjectNode) EventContracts.examples("alert.raised").get(1).deepCopy();
        correlation.remove("group");
        assertTrue(EventContracts.violations("alert.raised", 1, correlation.toString()).stream()
                .anyMatch(v -> v.contains("group")), "a correlation alert needs its group");

        ObjectNode tenant = (ObjectNode) EventContracts.examples("tenant.updated").get(0).deepCopy();
        tenant.put("id", "not-a-uuid");
        assertFalse(EventContracts.violations("tenant.updated", 1, tenant.toString()).isEmpty(), "an id must be a UUID");

        String batch = EventContracts.examples("event.batch").get(0).asText() + "{\"EventID\":1}\n";
        assertTrue(EventContracts.violations("event.batch", 1, batch).stream().anyMatch(v -> v.startsWith("line 3")),
                "an event without the gateway's stamps, on line 3 of a batch");
        assertFalse(EventContracts.violations("alert.raised", 2, EventContracts.examples("alert.raised").get(0).toString())
                .isEmpty(), "an undeclared schemaVersion");
        assertFalse(EventContracts.violations("alert.escalated", 1, "{}").isEmpty(), "an undeclared type");
    }

    /** The README's stream table says what the document says: who sends and who receives each stream, which types. */
    @Test
    void readmeStreamTableAgreesWithTheDocument() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String service : List.of("ingest-gateway", "tenant-service", "detection-service", "case-service",
                "reporting-service")) {
            for (EventContracts.Operation op : EventContracts.operations(service)) {
                documented.merge(op.address() + " " + op.action(), service, (a, b) -> a + ", " + b);
            }
        }
        Map<String, String> readme = new TreeMap<>();
        List<String> lines = Files.readAllLines(VigilInfra.root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("| stream | sent by | received by (group) | message types |");
        assertTrue(start >= 0, "README.md has the stream table");
        List<String> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        Set<String> readmeTypes = new TreeSet<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String stream = cells[1].trim().replace("`", "");
            readme.put(stream + " send", cells[2].trim().replace("`", ""));
            String receivers = cells[3].trim().replace("`", "").replaceAll(" \\([^)]*\\)", "");
            if (!receivers.isEmpty()) {
                readme.put(stream + " receive", receivers);
            }
            for (String t : cells[4].replace("`", "").replaceAll(" \\([^)]*\\)", "").split(",")) {
                readmeTypes.add(t.trim());
            }
        }
        assertEquals(documented, readme, "README.md's stream table and openapi/asyncapi.yaml");
        Set<String> declared = new TreeSet<>();
        for (String t : EventContracts.types()) {
            declared.add(t.startsWith("tenant.") ? "tenant.*" : t);
        }
        assertEquals(declared, readmeTypes, "message types in README.md's stream table");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
