package io.vigil.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published message contracts, {@code openapi/asyncapi.yaml} and its JSON Schemas in
 * {@code openapi/events/<type>.schema.json}, for tests: validate a message against its type's schema, read
 * a schema's examples, and list which streams a service sends to and receives from.
 */
public final class EventContracts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static volatile JsonNode document;

    private EventContracts() {
    }

    /** One operation of the AsyncAPI document: a service sending to or receiving from a stream. */
    public record Operation(String service, String action, String address, String group, Set<String> messages) {
    }

    public static Path folder() {
        return VigilInfra.root().resolve("openapi");
    }

    public static JsonNode document() {
        if (document == null) {
            try {
                document = YAML.readTree(folder().resolve("asyncapi.yaml").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return document;
    }

    /** Every message type the document declares. */
    public static Set<String> types() {
        Set<String> out = new TreeSet<>();
        document().path("components").path("messages").fields()
                .forEachRemaining(e -> out.add(e.getValue().path("name").asText(e.getKey())));
        return out;
    }

    public static List<Operation> operations(String service) {
        List<Operation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = document().path("operations").fields();
        while (it.hasNext()) {
            JsonNode op = it.next().getValue();
            if (!service.equals(op.path("x-vigil-service").asText())) {
                continue;
            }
            String channel = op.path("channel").path("$ref").asText().replace("#/channels/", "");
            Set<String> messages = new TreeSet<>();
            op.path("messages").forEach(m -> messages.add(m.path("$ref").asText().replaceAll(".*/messages/", "")));
            out.add(new Operation(service, op.path("action").asText(),
                    document().path("channels").path(channel).path("address").asText(),
                    op.path("x-vigil-group").asText(null), messages));
        }
        return out;
    }

    /** The examples of a type's schema. */
    public static List<JsonNode> examples(String type) {
        try {
            JsonNode schema = JSON.readTree(schemaFile(type).toFile());
            List<JsonNode> out = new ArrayList<>();
            schema.path("examples").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with a message of {@code type} whose payload is {@code payload} (JSON text; NDJSON for
     * {@code event.batch}), one line per problem; empty when it keeps its contract.
     */
    public static List<String> violations(String type, int schemaVersion, String payload) {
        List<String> out = new ArrayList<>();
        if (!types().contains(type)) {
            out.add("type " + type + " is not declared in openapi/asyncapi.yaml");
            return out;
        }
        if (schemaVersion != 1) {
            out.add(type + " has no schemaVersion " + schemaVersion + " (the document declares 1)");
        }
        if ("event.batch".equals(type)) {
            String[] lines = payload.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    for (String v : check("event.normalized", lines[i])) {
                        out.add("line " + (i + 1) + ": " + v);
                    }
                }
            }
            return out;
        }
        out.addAll(check(type, payload));
        return out;
    }

    private static List<String> check(String type, String payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return List.of("payload is not JSON: " + e.getMessage());
        }
        Set<ValidationMessage> messages = schema(type).validate(node);
        return messages.stream().map(m -> type + ": " + m.getMessage()).sorted().toList();
    }

    private static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(com.networknt.schema.SchemaLocation.of(schemaFile(t).toUri().toString()), CONFIG));
    }

    private static Path schemaFile(String type) {
        Path p = folder().resolve("events").resolve(type + ".schema.json");
        if (!Files.exists(p)) {
            throw new IllegalStateException("no schema " + p + " for message type " + type);
        }
        return p;
    }

    /** Stream names by address pattern: {@code events.{shard}} matches {@code events.3}. */
    public static boolean addressMatches(String address, String stream) {
        return stream.matches(address.replace(".", "\\.").replaceAll("\\{[^}]+}", "[0-9]+"));
    }

    /**
     * Fails unless the service's configured streams are exactly those its operations in the document name:
     * {@code sends} the streams it appends to, {@code receives} each stream it reads with its consumer group.
     */
    public static void assertStreams(String service, Set<String> sends, Map<String, String> receives) {
        List<Operation> ops = operations(service);
        List<String> wrong = new ArrayList<>();
        for (Operation op : ops) {
            boolean send = "send".equals(op.action());
            boolean found = send ? sends.stream().anyMatch(s -> addressMatches(op.address(), s))
                    : receives.entrySet().stream().anyMatch(e -> addressMatches(op.address(), e.getKey())
                            && e.getValue().equals(op.group()));
            if (!found) {
                wrong.add("the document says " + service + " " + op.action() + "s " + op.address()
                        + (send ? "" : " in group " + op.group()) + "; its configuration does not");
            }
        }
        for (String s : sends) {
            if (ops.stream().noneMatch(op -> "send".equals(op.action()) && addressMatches(op.address(), s))) {
                wrong.add(service + " sends to " + s + ", which the document does not say");
            }
        }
        receives.forEach((stream, group) -> {
            if (ops.stream().noneMatch(op -> "receive".equals(op.action()) && addressMatches(op.address(), stream)
                    && group.equals(op.group()))) {
                wrong.add(service + " reads " + stream + " in group " + group + ", which the document does not say");
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError("openapi/asyncapi.yaml and " + service + "'s streams disagree:\n  "
                    + String.join("\n  ", wrong));
        }
    }
}
