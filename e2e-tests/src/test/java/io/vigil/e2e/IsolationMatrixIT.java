package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every published OpenAPI document, called by every kind of caller of another client
 * (each customer role, each staff tier, a manager and a provider admin assigned to that client only, its
 * service account, its ingestion key, an ID token, a token of another Keycloak client, no token), against
 * a victim client's objects, directly at each service and through the gateway, with and without
 * {@code X-Vigil-Tenant} naming the victim. It grows by itself: an operation added to a contract is called
 * the next run. A leak is a success on a request aimed at the victim, or any answer carrying the victim's
 * ids or names (a 4xx may echo the id the caller sent, never the victim's data); a server error is a
 * failure too.
 */
class IsolationMatrixIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> SERVICES = Map.of("tenant-service", Stack.TENANTS, "ingest-gateway", Stack.GATEWAY,
            "detection-service", Stack.DETECTION, "case-service", Stack.CASES, "reporting-service", Stack.REPORTING);
    static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** The victim: a client with objects of each kind. */
    static Stack.Client victim;
    static final Map<String, String> victimIds = new LinkedHashMap<>();
    static final List<String> victimNames = new ArrayList<>();
    /** The callers, all of another client (or of no one). */
    static final Map<String, Caller> callers = new LinkedHashMap<>();
    static String staffUsername;

    /** How a caller authenticates: a header name and value, or none. */
    record Caller(String header, String value) {
        RequestSpecification apply(RequestSpecification r) {
            return header == null ? r : r.header(header, value);
        }
    }

    @BeforeAll
    static void clients() throws Exception {
        ThinSliceIT.stack();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        victim = Stack.onboard("Victim " + tag);
        victimNames.add(victim.name());
        victimIds.put("tenant", victim.id());
        victimIds.put("logSource", victim.logSourceId());
        String admin = Stack.providerAdmin();
        victimIds.put("contact", given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Victim contact " + tag, "email", "ciso-" + tag + "@victim.example"))
                .post(Stack.TENANTS + "/api/v1/tenants/" + victim.id() + "/contacts").then().statusCode(201)
                .extract().path("id"));
        victimNames.add("Victim contact " + tag);
        victimIds.put("asset", given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenantId", victim.id(), "hostname", "victim-host-" + tag, "criticality", "CRITICAL"))
                .post(Stack.TENANTS + "/api/v1/assets").then().statusCode(201).extract().path("id"));
        victimNames.add("victim-host-" + tag);
        victimIds.put("apiKey", victim.keyId());
        Stack.loadRule();
        Thread.sleep(6_000); // the gateway's key directory cache
        Stack.send(victim.key(), Stack.labelledEvents(), 1);
        String victimAnalyst = Keycloak.userToken(List.of("soc-tier1"), List.of(Keycloak.tenantGroup(UUID.fromString(victim.id()))));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String alert = null;
        while (alert == null && System.nanoTime() < deadline) {
            alert = given().auth().oauth2(victimAnalyst).get(Stack.CASES + "/api/v1/alerts?limit=1").then().statusCode(200)
                    .extract().path("items[0].id");
            Thread.sleep(200);
        }
        assertTrue(alert != null, "the victim's alert never arrived");
        victimIds.put("alert", alert);

        Stack.Client other = Stack.onboard("Other " + tag);
        String otherGroup = Keycloak.tenantGroup(UUID.fromString(other.id()));
        for (String role : List.of("customer-viewer", "customer-analyst", "customer-admin", "soc-tier1", "soc-tier2",
                "soc-tier3", "soc-manager", "provider-admin")) {
            callers.put(role + " of another client", bearer(Keycloak.userToken(List.of(role), List.of(otherGroup))));
        }
        var secret = given().auth().oauth2(admin).post(Stack.TENANTS + "/api/v1/tenants/" + other.id()
                + "/service-account/secret").then().statusCode(200).extract().jsonPath();
        callers.put("another client's service account", bearer(Keycloak.clientCredentialsGrant(secret.getString("clientId"),
                secret.getString("clientSecret")).then().statusCode(200).extract().path("access_token")));
        callers.put("another client's ingestion key", new Caller("X-Vigil-Api-Key", other.key()));
        Keycloak.User user = Keycloak.user(List.of("customer-admin"), List.of(otherGroup));
        callers.put("an ID token", bearer(tokenField(user, "vigil-cli", "id_token")));
        callers.put("a token of another Keycloak client", bearer(tokenField(user, "admin-cli", "access_token")));
        callers.put("no credential", new Caller(null, null));
        staffUsername = Keycloak.user(List.of("soc-tier1"), List.of()).username();
    }

    @Test
    void theMatrixSeesALeakWhereThereIsOne() {
        // The victim's own admin is allowed everything below: judged as an outsider, each answer is a leak.
        Caller insider = bearer(Keycloak.userToken(List.of("customer-admin"),
                List.of(Keycloak.tenantGroup(UUID.fromString(victim.id())))));
        List<String> leaks = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String aimed = resolve("/api/v1/tenants/{tenantId}/contacts");
        judge(insider.apply(given().baseUri(Stack.TENANTS)).get(aimed), true, "aimed", leaks, errors);
        judge(insider.apply(given().baseUri(Stack.GATEWAY)).get("/api/v1/alerts"), false, "list", leaks, errors);
        assertEquals(2, leaks.size(), "a success on the victim's object, and a list naming the victim's alert: " + leaks);
    }

    @Test
    void noCallerOfAnotherClientReachesTheVictimThroughAnyOperation() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        int calls = 0;
        int operations = 0;
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            JsonNode doc = JSON.readTree(VigilInfra.root().resolve("openapi").resolve(service.getKey() + ".json").toFile());
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    operations++;
                    String target = resolve(path.getKey());
                    boolean aimed = victimIds.values().stream().anyMatch(target::contains);
                    List<String> bases = service.getKey().equals("ingest-gateway") ? List.of(Stack.GATEWAY)
                            : List.of(service.getValue(), Stack.GATEWAY);
                    for (String base : bases) {
                        for (Map.Entry<String, Caller> caller : callers.entrySet()) {
                            for (boolean narrow : aimed ? List.of(false) : List.of(false, true)) {
                                Response r = call(base, method, target, op.getValue(), caller.getValue(), narrow);
                                calls++;
                                String what = method + " " + base + target + (narrow ? " (X-Vigil-Tenant: victim)" : "")
                                        + " as " + caller.getKey() + ": " + r.statusCode();
                                judge(r, aimed, what, leaks, serverErrors);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("isolation: %d operations, %d calls, %d leaks, %d server errors%n", operations, calls,
                leaks.size(), serverErrors.size());
        leaks.forEach(l -> System.out.println("  leak: " + l));
        serverErrors.forEach(l -> System.out.println("  5xx: " + l));
        assertTrue(operations >= 70, "the contracts list " + operations + " operations: are the OpenAPI files there?");
        assertEquals(List.of(), leaks, "calls that reached another client's data");
        assertEquals(List.of(), serverErrors, "calls answered with a server error");
    }

    private static void judge(Response r, boolean aimed, String what, List<String> leaks, List<String> serverErrors) {
        int status = r.statusCode();
        String body = r.asString();
        if (status >= 500) {
            serverErrors.add(what + " " + abbreviate(body));
            return;
        }
        boolean success = status / 100 == 2;
        if (success && aimed) {
            leaks.add(what + " (a success on the victim's object)");
            return;
        }
        for (String name : victimNames) {
            if (body.contains(name)) {
                leaks.add(what + " (the answer names '" + name + "')");
                return;
            }
        }
        if (success) {
            for (Map.Entry<String, String> id : victimIds.entrySet()) {
                if (body.contains(id.getValue())) {
                    leaks.add(what + " (the answer holds the victim's " + id.getKey() + " id)");
                    return;
                }
            }
        }
    }

    private static Response call(String base, String method, String path, JsonNode op, Caller caller, boolean narrow) {
        RequestSpecification r = caller.apply(given().baseUri(base).config(ThinSliceIT.TEXT).urlEncodingEnabled(true));
        if (narrow) {
            r = r.header("X-Vigil-Tenant", victim.id());
        }
        for (JsonNode p : op.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String value = switch (p.path("name").asText()) {
                case "tenantId" -> victim.id();
                case "value" -> "203.0.113.77";
                case "stream" -> "events.0.dead";
                case "format" -> "list";
                default -> null;
            };
            if (value != null) {
                r = r.queryParam(p.path("name").asText(), value);
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        if (content.isObject() && content.fieldNames().hasNext()) {
            String type = content.fieldNames().next();
            for (Iterator<String> types = content.fieldNames(); types.hasNext() && type.contains("*"); ) {
                type = types.next(); // a concrete type where the operation takes any
            }
            Object body = bodyFor(type);
            r = r.contentType(type);
            r = body instanceof byte[] bytes ? r.body(bytes)
                    : body instanceof String text ? r.body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : r.body(body);
        }
        return r.request(method, path);
    }

    private static Object bodyFor(String type) {
        if (type.contains("json") && !type.contains("ndjson")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenantId", victim.id());
            body.put("tenantIds", List.of(victim.id()));
            body.put("name", "matrix");
            body.put("hostname", "matrix-host");
            body.put("criticality", "LOW");
            body.put("email", "matrix@example.com");
            body.put("verdict", "BENIGN_POSITIVE");
            body.put("note", "matrix");
            body.put("reason", "matrix");
            return body;
        }
        if (type.contains("zip") || type.contains("octet-stream")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.finish();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes.toByteArray();
        }
        if (type.contains("yaml")) {
            return "title: matrix\nid: " + UUID.randomUUID() + "\nlogsource: {product: windows}\ndetection:\n  s: {a: b}\n  condition: s\n";
        }
        return "{\"EventID\": 1, \"tenant.id\": \"" + victim.id() + "\"}\n";
    }

    /** The path with each parameter replaced by the victim's object of that kind (a fresh id where none). */
    static String resolve(String template) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String before = template.substring(0, m.start());
            String value = switch (name) {
                case "tenantId" -> victim.id();
                case "keyId" -> victimIds.get("apiKey");
                case "severity" -> "HIGH";
                case "username" -> staffUsername;
                case "ruleId" -> ThinSliceIT.RULE_ID;
                case "id" -> before.endsWith("/contacts/") ? victimIds.get("contact")
                        : before.endsWith("/log-sources/") ? victimIds.get("logSource")
                        : before.endsWith("/alerts/") ? victimIds.get("alert")
                        : before.endsWith("/assets/") ? victimIds.get("asset")
                        : before.endsWith("/tenants/") ? victim.id()
                        : "matrix-" + UUID.randomUUID(); // a rule: provider content, and none of the victim's
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Caller bearer(String token) {
        return new Caller("Authorization", "Bearer " + token);
    }

    private static String tokenField(Keycloak.User user, String client, String field) {
        return given().baseUri(Keycloak.baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", client).formParam("scope", "openid")
                .formParam("username", user.username()).formParam("password", user.password())
                .post("/realms/" + Keycloak.REALM + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path(field);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
