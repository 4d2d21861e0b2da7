package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One API for client systems: {@code openapi/vigil-api.json} is every operation the gateway serves or
 * forwards, merged from the five published documents, with both ways in declared (OIDC bearer tokens,
 * ingestion keys). The gateway serves it (and its Swagger UI shows it). The committed file must be what the
 * current documents merge into: {@code -Dvigil.openapi.write=true} rewrites it.
 */
@QuarkusTest
class MergedContractTest {

    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("ingest-gateway", "Ingest");
        SERVICES.put("tenant-service", "Tenant");
        SERVICES.put("detection-service", "Detection");
        SERVICES.put("case-service", "Case");
        SERVICES.put("reporting-service", "Reporting");
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final Path FILE = Path.of("../openapi/vigil-api.json");

    @Test
    void thePublishedMergedDocumentIsTheMergeOfTheServicesDocumentsAndTheGatewayServesIt() throws Exception {
        String merged = JSON.writeValueAsString(merge()) + "\n";
        if (Boolean.getBoolean("vigil.openapi.write")) {
            Files.writeString(FILE, merged);
        }
        assertEquals(merged, Files.readString(FILE), "openapi/vigil-api.json is stale: rebuild with -Dvigil.openapi.write=true");

        JsonNode served = JSON.readTree(given().get("/openapi/vigil-api.json").then().statusCode(200).extract().asString());
        int operations = 0;
        for (String service : SERVICES.keySet()) {
            JsonNode doc = JSON.readTree(Path.of("../openapi", service + ".json").toFile());
            for (Iterator<Map.Entry<String, JsonNode>> p = doc.path("paths").fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                    String method = m.next();
                    operations++;
                    assertTrue(served.path("paths").path(path.getKey()).has(method), method + " " + path.getKey() + " of " + service);
                }
            }
        }
        assertTrue(operations > 130, "operations: " + operations);
        assertEquals(Set.of("SecurityScheme", "ingestKey"), Set.copyOf(iterable(served.path("components").path("securitySchemes").fieldNames())));
        // every reference resolves inside the merged document
        List<String> dangling = new ArrayList<>();
        refs(served, served, dangling);
        assertEquals(List.of(), dangling);
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void refs(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                if (root.at(ref.asText().substring(1)).isMissingNode()) {
                    dangling.add(ref.asText());
                }
            }
            node.elements().forEachRemaining(n -> refs(root, n, dangling));
        } else if (node.isArray()) {
            node.forEach(n -> refs(root, n, dangling));
        }
    }

    /**
     * The five documents as one. A schema name two services define differently takes the service's prefix
     * (case-service's {@code Status} becomes {@code CaseStatus}), references following it; identical ones are
     * kept once.
     */
    static ObjectNode merge() throws Exception {
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (String service : SERVICES.keySet()) {
            docs.put(service, (ObjectNode) JSON.readTree(Path.of("../openapi", service + ".json").toFile()));
        }
        Map<String, List<JsonNode>> definitions = new TreeMap<>();
        docs.values().forEach(d -> d.path("components").path("schemas").fields()
                .forEachRemaining(e -> definitions.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        ObjectNode gateway = docs.get("ingest-gateway");
        ObjectNode out = JSON.createObjectNode();
        out.put("openapi", gateway.path("openapi").asText());
        ObjectNode info = out.putObject("info");
        info.put("title", "Vigil API");
        info.put("version", gateway.path("info").path("version").asText());
        info.put("description", "Everything a client system reaches through the gateway, the one base URL: "
                + "telemetry in with an ingestion key (X-Vigil-Api-Key) or a bearer token, and tenants, assets, "
                + "rules, alerts, cases and reports with an OIDC bearer token (client credentials of the tenant's "
                + "service account). Errors are application/problem+json (RFC 9457).");
        out.putArray("servers").addObject().put("url", "http://127.0.0.1:8080").put("description", "the gateway, locally");
        ObjectNode paths = JSON.createObjectNode();
        ObjectNode schemas = JSON.createObjectNode();
        ObjectNode schemes = JSON.createObjectNode();
        Map<String, JsonNode> tags = new TreeMap<>();
        for (Map.Entry<String, ObjectNode> d : docs.entrySet()) {
            String prefix = SERVICES.get(d.getKey());
            Map<String, String> renamed = new LinkedHashMap<>();
            d.getValue().path("components").path("schemas").fieldNames().forEachRemaining(name -> {
                List<JsonNode> all = definitions.get(name);
                boolean clash = all.stream().anyMatch(n -> !n.equals(all.get(0)));
                renamed.put(name, clash ? prefix + name : name);
            });
            ObjectNode doc = (ObjectNode) rewrite(d.getValue().deepCopy(), renamed);
            doc.path("paths").fields().forEachRemaining(p -> paths.set(p.getKey(), p.getValue()));
            doc.path("components").path("schemas").fields().forEachRemaining(s -> schemas.set(renamed.get(s.getKey()), s.getValue()));
            doc.path("components").path("securitySchemes").fields().forEachRemaining(s -> schemes.set(s.getKey(), s.getValue()));
            doc.path("tags").forEach(t -> tags.putIfAbsent(t.path("name").asText(), t));
        }
        out.set("paths", paths);
        ObjectNode components = out.putObject("components");
        components.set("schemas", schemas);
        components.set("securitySchemes", schemes);
        ArrayNode tagList = out.putArray("tags");
        tags.values().forEach(tagList::add);
        return out;
    }

    private static JsonNode rewrite(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            JsonNode ref = o.get("$ref");
            String prefix = "#/components/schemas/";
            if (ref != null && ref.isTextual() && ref.asText().startsWith(prefix)) {
                String name = ref.asText().substring(prefix.length());
                o.put("$ref", prefix + renamed.getOrDefault(name, name));
            }
            List<String> names = iterable(o.fieldNames());
            for (String f : names) {
                rewrite(o.get(f), renamed);
            }
        } else if (node.isArray()) {
            node.forEach(n -> rewrite(n, renamed));
        }
        return node;
    }
}
