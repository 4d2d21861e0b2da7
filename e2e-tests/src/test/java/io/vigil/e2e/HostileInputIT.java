package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error: every operation of every published OpenAPI document, called by a caller
 * whose roles allow it, with hostile path values, hostile query values and hostile bodies. No answer may be a
 * server error; every 4xx must be {@code application/problem+json} with a detail and without a Java class
 * name. Like the isolation matrix, it grows with the contracts: an operation added is tried the next run.
 */
class HostileInputIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> SERVICES = IsolationMatrixIT.SERVICES;
    static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** A Java class or method name in a body: a library's message that escaped unscrubbed. */
    static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");

    static final List<String> PATH_VALUES = List.of("not-a-uuid", "%00", "..%2F..%2Fetc", "x".repeat(300),
            "%27%3B%20drop%20table%20tenants%3B--");
    static final List<String> QUERY_VALUES = List.of("abc", "-1", "99999999999999999999999", "2026-13-45T99:99:99Z",
            "\u0000", "'\"<>", "x".repeat(3_000));

    static Stack.Client own;
    static String token;

    @BeforeAll
    static void caller() throws Exception {
        ThinSliceIT.stack();
        own = Stack.onboard("Hostile Input Client");
        // every staff role, serving every client: the input, not the authorization, is what is under test
        token = Keycloak.userToken(List.of("provider-admin", "soc-manager", "soc-tier3"), List.of("/tenants"));
    }

    @Test
    void noHostileInputToAnyOperationIsAServerErrorOrAnAnswerWithoutAProblem() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        int operations = 0;
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            JsonNode doc = JSON.readTree(VigilInfra.root().resolve("openapi").resolve(service.getKey() + ".json").toFile());
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = ops.next();
                    String method = entry.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    operations++;
                    JsonNode op = entry.getValue();
                    String base = service.getValue();
                    String template = path.getKey();
                    List<String> params = new ArrayList<>();
                    Matcher m = PARAM.matcher(template);
                    while (m.find()) {
                        params.add(m.group(1));
                    }
                    // each path parameter hostile in turn, the others sound
                    for (String p : params) {
                        for (String v : PATH_VALUES) {
                            calls++;
                            judge(send(base, method, fill(template, p, v), op, null, null, null), method, template,
                                    "path " + p + "=" + abbreviate(v), failures);
                        }
                    }
                    String sound = fill(template, null, null);
                    int queried = 0;
                    for (JsonNode p : op.path("parameters")) {
                        if (!"query".equals(p.path("in").asText()) || queried++ >= 4) {
                            continue;
                        }
                        for (String v : QUERY_VALUES) {
                            calls++;
                            judge(send(base, method, sound, op, Map.of(p.path("name").asText(), v), null, null), method,
                                    template, "query " + p.path("name").asText() + "=" + abbreviate(v), failures);
                        }
                    }
                    JsonNode content = op.path("requestBody").path("content");
                    if (content.isObject() && content.fieldNames().hasNext()) {
                        String type = content.fieldNames().next();
                        for (Map.Entry<String, byte[]> body : hostileBodies(type).entrySet()) {
                            calls++;
                            String as = body.getKey().startsWith("as text/plain") ? "text/plain" : type;
                            judge(send(base, method, sound, op, null, as, body.getValue()), method, template,
                                    "body " + body.getKey(), failures);
                        }
                        calls++;
                        judge(sendEncoded(base, method, sound, type), method, template, "body gzip-corrupt", failures);
                    }
                }
            }
        }
        System.out.printf("hostile input: %d operations, %d calls, %d server errors or answers without a problem%n",
                operations, calls, failures.size());
        failures.forEach(f -> System.out.println("  5xx/bare: " + f));
        assertTrue(operations >= 70, "the contracts list " + operations + " operations: are the OpenAPI files there?");
        assertEquals(List.of(), failures);
    }

    private static void judge(Response r, String method, String template, String input, List<String> failures) {
        int status = r.statusCode();
        String body = r.asString();
        String what = method + " " + template + " with " + input + ": " + status;
        if (status >= 500) {
            failures.add(what + " " + abbreviate(body));
            return;
        }
        if (status >= 400 && status != 404 && status != 405) { // an unknown path or method may be the router's own
            String type = r.contentType() == null ? "" : r.contentType();
            if (!type.startsWith("application/problem+json")) {
                failures.add(what + " is " + (type.isEmpty() ? "without a body type" : type) + " " + abbreviate(body));
                return;
            }
            String detail = r.jsonPath().getString("detail");
            if (detail == null || detail.isBlank()) {
                failures.add(what + " has no detail");
                return;
            }
        }
        Matcher cls = CLASS_NAME.matcher(body);
        if (status >= 400 && cls.find()) {
            failures.add(what + " names a class: " + cls.group());
        }
    }

    private static Response send(String base, String method, String path, JsonNode op, Map<String, String> query,
            String contentType, byte[] body) {
        RequestSpecification r = given().baseUri(base).config(ThinSliceIT.TEXT).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + token).header("X-Vigil-Tenant", own.id());
        if (query != null) {
            for (Map.Entry<String, String> q : query.entrySet()) {
                r = r.queryParam(q.getKey(), java.net.URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            r = r.contentType(contentType).body(body);
        } else {
            JsonNode content = op.path("requestBody").path("content");
            if (content.isObject() && content.fieldNames().hasNext()) {
                String type = content.fieldNames().next();
                r = r.contentType(type).body(type.contains("json") && !type.contains("ndjson") ? "{}".getBytes()
                        : "x".getBytes());
            }
        }
        return r.request(method, path);
    }

    /** A body declared gzip that is not: the decoder's error must still be a problem. */
    private static Response sendEncoded(String base, String method, String path, String type) {
        return given().baseUri(base).urlEncodingEnabled(false).header("Authorization", "Bearer " + token)
                .header("X-Vigil-Tenant", own.id()).header("Content-Encoding", "gzip").contentType(type)
                .body(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}).request(method, path);
    }

    private static Map<String, byte[]> hostileBodies(String type) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (type.contains("json") && !type.contains("ndjson")) {
            out.put("truncated", "{\"name\": \"x".getBytes());
            out.put("an array", "[1, 2, 3]".getBytes());
            out.put("null", "null".getBytes());
            out.put("5,000 levels deep", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes());
            out.put("a huge number", "{\"limit\": 1e999999, \"learningDays\": 99999999999999999999}".getBytes());
            out.put("a NUL in a string", "{\"name\": \"a\\u0000b\", \"title\": \"a\\u0000b\"}".getBytes());
            out.put("wrong types", ("{\"name\": [], \"tenantId\": {}, \"severity\": 7, \"status\": [\"x\"], \"enabled\": \"maybe\","
                    + " \"from\": \"yesterday\", \"tenantIds\": \"all\", \"criticality\": {}}").getBytes());
            out.put("a 2 MB string", ("{\"name\": \"" + "y".repeat(2_000_000) + "\"}").getBytes());
            out.put("not UTF-8", new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            out.put("as text/plain", "{}".getBytes());
        } else {
            out.put("empty", new byte[0]);
            out.put("binary", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0x7f});
            out.put("a NUL line", "a\u0000b\n".getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The path with {@code hostile} as parameter {@code name} and sound values for the others. */
    private static String fill(String template, String name, String hostile) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String value = p.equals(name) ? hostile : switch (p) {
                case "tenantId" -> own.id();
                case "severity" -> "HIGH";
                case "username" -> "hostile-" + UUID.randomUUID().toString().substring(0, 8);
                case "ruleId" -> "hostile-" + UUID.randomUUID(); // never a rule other tests rely on
                case "keyId" -> own.keyId();
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\u0000", "\\0");
        return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
    }
}
