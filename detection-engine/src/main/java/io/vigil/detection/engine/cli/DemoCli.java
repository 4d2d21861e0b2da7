package io.vigil.detection.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./vigil demo seed}: a demo MSSP in the running stack, made only through its public APIs (and
 * Keycloak's admin API for the provider's staff, whom Vigil does not create): five staff users, three
 * clients with different SOC models, their users, assets, a log source and ingestion key each, a starter
 * rule pack; then an attack replayed through the gateway into every client, and a wait until the cases are
 * in the queue. Writes {@code demo.json} (users, passwords, tenants, URLs) for people and scripts.
 */
public final class DemoCli {

    static final String USAGE = """
            usage: vigil demo seed [--url URL] [--keycloak URL] [--portal URL] [--out FILE] [--rules DIR] [--scenario FILE]
                   vigil demo replay [--url URL] [--out FILE] [--scenario FILE]
            seed    creates the demo MSSP (staff, three clients, their users, assets, keys, the starter rules)
                    and replays the scenario into each client; writes FILE (default .vigil/demo.json).
                    Run again, it finds what exists and resets the demo users' passwords.
            --portal is the CIO portal's address written to FILE (default http://127.0.0.1:8084/portal).
            replay  sends the scenario again into every demo client (new events, new alerts), reading FILE.
            The demo is for a local stack: never run it against production (./vigil up skips it when
            VIGIL_PROFILE=prod). Keycloak's admin: VIGIL_KEYCLOAK_ADMIN / VIGIL_KEYCLOAK_ADMIN_PASSWORD.
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REALM = "vigil";

    /** A member of the provider's staff. */
    record Staff(String username, String firstName, String lastName, String role, String shift) {
    }

    /** A demo client: its profile, its workstation under attack and its people. */
    record Client(String slug, String name, String socModel, String timeZone, String industry, String domain,
            String workstation, String user, String cio, String approver) {
    }

    static final List<Staff> STAFF = List.of(
            new Staff("demo.tier1", "Ines", "Moreau", "soc-tier1", "night (22:00-06:00 Europe/Paris)"),
            new Staff("demo.tier2", "Kenji", "Sato", "soc-tier2", "day"),
            new Staff("demo.tier3", "Priya", "Nair", "soc-tier3", "day"),
            new Staff("demo.manager", "Marta", "Kowalski", "soc-manager", "day"),
            new Staff("demo.admin", "Omar", "Haddad", "provider-admin", "day"));

    static final List<Client> CLIENTS = List.of(
            new Client("northwind-health", "Northwind Health", "MANAGED", "Europe/Paris", "healthcare",
                    "northwind.example", "nw-ws-017", "NORTHWIND\\c.dupont", "nw.cio", "nw.admin"),
            new Client("contoso-retail", "Contoso Retail", "HYBRID", "America/New_York", "retail",
                    "contoso.example", "ct-pos-204", "CONTOSO\\j.miller", "ct.cio", "ct.admin"),
            new Client("fabrikam-logistics", "Fabrikam Logistics", "VIRTUAL", "Asia/Tokyo", "logistics",
                    "fabrikam.example", "fb-ws-033", "FABRIKAM\\h.tanaka", "fb.cio", "fb.admin"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;
    private final String gateway;
    private final String keycloak;
    private String portal = "http://127.0.0.1:8084/portal";
    private final long started = System.nanoTime();
    /** How many steps the command shows progress for (the seed's six; a replay is one). */
    private int steps = 6;

    DemoCli(PrintStream out, String gateway, String keycloak) {
        this.out = out;
        this.gateway = gateway;
        this.keycloak = keycloak;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (StackCli.help(args, USAGE, out)) {
            return args.length == 0 ? 2 : 0;
        }
        String gateway = StackCli.option(args, "--url", StackCli.DEFAULT_URL);
        String keycloak = StackCli.option(args, "--keycloak", "http://127.0.0.1:"
                + System.getenv().getOrDefault("VIGIL_KEYCLOAK_PORT", "8180"));
        Path file = Path.of(StackCli.option(args, "--out", ".vigil/demo.json"));
        Path scenario = Path.of(StackCli.option(args, "--scenario", "infra/demo/scenarios/credential-theft.ndjson"));
        DemoCli demo = new DemoCli(out, gateway, keycloak);
        demo.portal = StackCli.option(args, "--portal", demo.portal);
        try {
            switch (args[0]) {
                case "seed" -> demo.seed(file, Path.of(StackCli.option(args, "--rules", "infra/demo/rules")), scenario);
                case "replay" -> demo.replay(file, scenario);
                default -> {
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (Failure | IOException e) {
            err.println("vigil demo: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** A step that could not be done, with what the stack answered. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    void seed(Path file, Path rules, Path scenario) throws IOException, InterruptedException {
        ObjectNode demo = JSON.createObjectNode();
        ArrayNode users = demo.putArray("users");
        ArrayNode tenants = demo.putArray("tenants");

        step(1, "provider staff in Keycloak");
        String admin = keycloakAdminToken();
        Map<String, String> staffPasswords = new LinkedHashMap<>();
        for (Staff s : STAFF) {
            String password = password();
            upsertStaff(admin, s, password);
            staffPasswords.put(s.username(), password);
            ObjectNode u = users.addObject();
            u.put("username", s.username()).put("password", password).put("party", "provider").put("shift", s.shift());
            u.putArray("roles").add(s.role());
            u.putArray("tenantIds").add("*");
        }
        done(STAFF.size() + " staff, assigned to every client");
        String provider = token("demo.admin", staffPasswords.get("demo.admin"));

        step(2, "three clients");
        List<String> ids = new ArrayList<>();
        for (Client c : CLIENTS) {
            ids.add(tenant(provider, c));
        }
        for (int i = 0; i < CLIENTS.size(); i++) {
            awaitActive(provider, ids.get(i), CLIENTS.get(i));
        }
        done("active: " + String.join(", ", CLIENTS.stream().map(Client::name).toList()));

        step(3, "their people, assets, log sources and ingestion keys");
        for (int i = 0; i < CLIENTS.size(); i++) {
            Client c = CLIENTS.get(i);
            String id = ids.get(i);
            ObjectNode t = tenants.addObject();
            t.put("id", id).put("name", c.name()).put("slug", c.slug()).put("socModel", c.socModel())
                    .put("timeZone", c.timeZone()).put("workstation", c.workstation() + "." + c.domain());
            asset(provider, id, c.workstation(), c.domain(), "HIGH", "workstation of " + c.user());
            asset(provider, id, "dc01", c.domain(), "CRITICAL", "domain controller");
            // Containment: isolating hosts up to MEDIUM is pre-approved (the workstation is HIGH, so even that asks),
            // and a new critical case runs the credential-theft playbook by itself: a pending approval to look at.
            send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/tenants/" + id + "/containment-policy")), provider,
                    JSON.valueToTree(Map.of("rules", List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM")),
                            "approvers", List.of(), "escalateAfterMinutes", 30)), "PUT"), 200);
            send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/tenants/" + id + "/automation-rules/contain-critical")),
                    provider, JSON.valueToTree(Map.of("position", 1, "severities", List.of("CRITICAL"),
                            "playbook", "credential-theft")), "PUT"), 200);
            String source = logSource(provider, id, "Sysmon on workstations");
            t.put("apiKey", post(provider, "/api/v1/tenants/" + id + "/api-keys", Map.of("name", "demo forwarder",
                    "logSourceId", source)).path("key").asText());
            for (String[] person : new String[][] {{c.cio(), "customer-viewer", "Chief Information Officer"},
                    {c.approver(), "customer-admin", "Security administrator"}}) {
                String password = password();
                customerUser(provider, admin, id, person[0], person[1], person[2], c.domain(), password);
                ObjectNode u = users.addObject();
                u.put("username", person[0]).put("password", password).put("party", "client").put("title", person[2]);
                u.putArray("roles").add(person[1]);
                u.putArray("tenantIds").add(id);
            }
        }
        done("2 assets, 1 log source, 1 key, 2 users, containment pre-approvals and an automation rule per client");

        step(4, "the starter detection pack");
        int imported = 0;
        try (Stream<Path> files = Files.list(rules)) {
            for (Path rule : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/rules")).header("Authorization", "Bearer " + provider)
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(rule))), 200, 201);
                imported++;
            }
        }
        Thread.sleep(2000); // detection reloads its catalog on import; other instances within their refresh
        done(imported + " SigmaHQ rules (DRL 1.1, " + rules + "/SOURCES.md)");

        demo.putObject("urls").put("gateway", gateway).put("swaggerUi", gateway + "/q/swagger-ui")
                .put("keycloak", keycloak + "/realms/" + REALM).put("cases", gateway + "/api/v1/cases")
                .put("token", keycloak + "/realms/" + REALM + "/protocol/openid-connect/token")
                .put("portal", portal);
        demo.put("scenario", scenario.getFileName().toString());
        write(file, demo);

        replayInto(demo, scenario, 5, staffPasswords.get("demo.tier1"));
        confirmCritical(demo, staffPasswords.get("demo.tier1"));
        write(file, demo);

        step(6, "each client's monthly report for its CIO");
        String manager = token("demo.manager", staffPasswords.get("demo.manager"));
        for (JsonNode t : demo.path("tenants")) {
            String id = t.path("id").asText();
            Client c = CLIENTS.stream().filter(x -> x.slug().equals(t.path("slug").asText())).findFirst().orElseThrow();
            String month = java.time.YearMonth.now(java.time.ZoneId.of(c.timeZone())).toString();
            String reports = "/api/v1/reports/tenants/" + id;
            // reporting-service builds its read model from case.events: the report waits until it has the cases
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (get(manager, reports + "/metrics?month=" + month).body().path("volumes").path("cases").asLong() < 1) {
                if (System.nanoTime() > deadline) {
                    throw new Failure("after 60 s reporting-service counts no case of " + c.name()
                            + ": see ./vigil logs reporting-service");
                }
                Thread.sleep(500);
            }
            send(HttpRequest.newBuilder(URI.create(gateway + reports + "/monthly/" + month))
                    .header("Authorization", "Bearer " + manager).POST(HttpRequest.BodyPublishers.noBody()), 201);
            ((ObjectNode) t).put("monthlyReport", gateway + reports + "/monthly/" + month + ".pdf");
        }
        write(file, demo);
        done(CLIENTS.size() + " reports of this month so far, each with its PDF");
        tour(demo, file);
    }

    void replay(Path file, Path scenario) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            throw new Failure(file + " does not exist: run ./vigil demo seed first");
        }
        ObjectNode demo = (ObjectNode) JSON.readTree(file.toFile());
        String tier1 = null;
        for (JsonNode u : demo.path("users")) {
            if (u.path("username").asText().equals("demo.tier1")) {
                tier1 = u.path("password").asText();
            }
        }
        steps = 1;
        replayInto(demo, scenario, 1, tier1);
    }

    /** Sends the scenario to every demo client through the gateway, then waits until its cases are in the queue. */
    private void replayInto(ObjectNode demo, Path scenario, int stepNumber, String tier1Password)
            throws IOException, InterruptedException {
        step(stepNumber, "replaying " + scenario.getFileName() + " into each client through the gateway");
        List<String> lines = Files.readAllLines(scenario, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Instant start = Instant.now().minus(8, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String tier1 = token("demo.tier1", tier1Password);
        Map<String, Long> before = new LinkedHashMap<>();
        for (JsonNode t : demo.path("tenants")) {
            before.put(t.path("id").asText(), caseAlerts(tier1, t.path("id").asText()));
            Client c = CLIENTS.stream().filter(x -> x.slug().equals(t.path("slug").asText())).findFirst().orElseThrow();
            StringBuilder body = new StringBuilder();
            for (String line : lines) {
                ObjectNode e = (ObjectNode) JSON.readTree(line.replace("{{host}}", c.workstation() + "." + c.domain())
                        .replace("{{user}}", c.user().replace("\\", "\\\\")).replace("{{domain}}", c.domain()));
                Duration offset = Duration.parse(e.remove("@offset").asText("PT0S"));
                e.put("@timestamp", start.plus(offset).toString());
                body.append(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e)).append('\n');
            }
            send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/ingest/events"))
                    .header("X-Vigil-Api-Key", t.path("apiKey").asText()).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 202);
        }
        out.printf("      %d events sent to each of %d clients; waiting for their cases%n", lines.size(), before.size());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Long> now = new LinkedHashMap<>();
        while (true) {
            int complete = 0;
            for (String id : before.keySet()) {
                now.put(id, caseAlerts(tier1, id));
                if (now.get(id) - before.get(id) >= lines.size()) {
                    complete++;
                }
            }
            if (complete == before.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("after 120 s the queue holds " + now + " alerts in cases (expected "
                        + lines.size() + " more per client than " + before + "): see ./vigil logs detection-service");
            }
            Thread.sleep(1000);
        }
        long cases = 0;
        for (String id : before.keySet()) {
            cases += get(tier1, "/api/v1/cases?tenantId=" + id + "&limit=1").total;
        }
        done(lines.size() * before.size() + " alerts in the queue, grouped into " + cases + " cases");
    }

    /**
     * The night shift takes each client's critical case (acknowledged, then worked on): a confirmed incident, so
     * the client's CIO has a briefing to read in the portal while its containment step waits for their admin.
     */
    private void confirmCritical(ObjectNode demo, String tier1Password) throws IOException, InterruptedException {
        String tier1 = token("demo.tier1", tier1Password);
        int confirmed = 0;
        for (JsonNode t : demo.path("tenants")) {
            String critical = "/api/v1/cases?tenantId=" + t.path("id").asText() + "&severity=CRITICAL&limit=1";
            JsonNode taken = get(tier1, critical + "&status=IN_PROGRESS").body().path("items"); // by an earlier seed
            for (JsonNode c : taken.isEmpty() ? get(tier1, critical).body().path("items") : taken) {
                List<String> moves = switch (c.path("status").asText()) {
                    case "NEW" -> List.of("ACKNOWLEDGED", "IN_PROGRESS");
                    case "ACKNOWLEDGED" -> List.of("IN_PROGRESS");
                    default -> List.of(); // taken by an earlier seed
                };
                for (String status : moves) {
                    send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/cases/" + c.path("id").asText())), tier1,
                            JSON.valueToTree(Map.of("status", status)), "PATCH"), 200);
                }
                ((ObjectNode) t).put("incident", c.path("id").asText());
                confirmed++;
            }
        }
        out.printf("      the night shift took %d critical case(s): confirmed incidents, briefed in the portal%n", confirmed);
    }

    private void tour(ObjectNode demo, Path file) {
        out.println();
        out.println("The demo MSSP is ready (" + seconds() + " s). Its users (passwords are this installation's own):");
        for (JsonNode u : demo.path("users")) {
            out.printf("  %-14s %-16s %-15s %s%n", u.path("username").asText(), u.path("password").asText(),
                    u.path("roles").get(0).asText(), u.path("party").asText().equals("provider")
                            ? "provider staff, every client" : tenantName(demo, u.path("tenantIds").get(0).asText()));
        }
        out.println();
        out.println("The CIO portal: " + portal + "  (sign in as nw.cio to read Northwind Health's incidents, SLA and");
        out.println("reports; as nw.admin to approve the containment step that waits for the client)");
        out.println();
        out.println("A five-step tour of the API:");
        out.println("  1. The queue, as the night-shift tier 1 sees it: sign in as demo.tier1 (token: the password grant of");
        out.println("     client vigil-cli at " + demo.path("urls").path("token").asText() + "), then");
        out.println("     GET " + gateway + "/api/v1/cases   (highest priority first, each with why)");
        out.println("  2. One case: GET /api/v1/cases/{id}/timeline, then escalate it: PATCH /api/v1/cases/{id}");
        out.println("     {\"tier\":2,\"note\":\"...\"}, and close it: POST /api/v1/cases/{id}/close");
        out.println("  3. As a client's CIO (nw.cio): the same GET /api/v1/cases shows only Northwind Health's cases.");
        out.println("  4. Containment: each client's critical case ran the credential-theft playbook by itself; its first");
        out.println("     step waits for the client: GET /api/v1/cases/{id}/playbook-runs. Connect the client's tools");
        out.println("     (PUT /api/v1/tenants/{id}/connectors/sso, directory, edr), then, as its admin (nw.admin),");
        out.println("     POST /api/v1/cases/{id}/playbook-runs/{run}/steps/1/decision {\"approve\":true,\"note\":\"...\"}");
        out.println("  5. The CIO's month: as nw.cio, GET " + gateway + "/api/v1/reports/tenants/{id}/monthly (JSON) and the");
        out.println("     PDF at each tenant's monthlyReport in " + file.getFileName() + "; the briefing of an incident at");
        out.println("     GET /api/v1/reports/tenants/{id}/incidents/{caseId}");
        out.println("The APIs: " + gateway + "/q/swagger-ui. Users, tenants, keys and URLs for scripts: " + file);
    }

    private static String tenantName(ObjectNode demo, String id) {
        for (JsonNode t : demo.path("tenants")) {
            if (t.path("id").asText().equals(id)) {
                return t.path("name").asText();
            }
        }
        return id;
    }

    // --- Keycloak ---

    private String keycloakAdminToken() throws IOException, InterruptedException {
        return form(keycloak + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", System.getenv().getOrDefault("VIGIL_KEYCLOAK_ADMIN", "admin"),
                "password", System.getenv().getOrDefault("VIGIL_KEYCLOAK_ADMIN_PASSWORD", "admin")))
                .path("access_token").asText();
    }

    /** The user's access token: the password grant of the public client vigil-cli. */
    private String token(String username, String password) throws IOException, InterruptedException {
        return form(keycloak + "/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "vigil-cli", "username", username, "password", password)).path("access_token").asText();
    }

    private void upsertStaff(String admin, Staff s, String password) throws IOException, InterruptedException {
        String base = keycloak + "/admin/realms/" + REALM;
        String id = userId(admin, s.username());
        if (id == null) {
            ObjectNode u = JSON.createObjectNode();
            u.put("username", s.username()).put("enabled", true).put("emailVerified", true)
                    .put("email", s.username() + "@provider.example").put("firstName", s.firstName())
                    .put("lastName", s.lastName());
            u.putArray("groups").add("/tenants"); // assigned to every client
            u.putObject("attributes").putArray("shift").add(s.shift());
            send(json(HttpRequest.newBuilder(URI.create(base + "/users")), admin, u, "POST"), 201);
            id = userId(admin, s.username());
        }
        setPassword(admin, id, password);
        JsonNode role = parse(send(HttpRequest.newBuilder(URI.create(base + "/roles/" + s.role()))
                .header("Authorization", "Bearer " + admin).GET(), 200));
        send(json(HttpRequest.newBuilder(URI.create(base + "/users/" + id + "/role-mappings/realm")), admin,
                JSON.createArrayNode().add(role), "POST"), 204);
    }

    private String userId(String admin, String username) throws IOException, InterruptedException {
        JsonNode found = parse(send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/" + REALM
                + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin).GET(), 200));
        return found.size() == 0 ? null : found.get(0).path("id").asText();
    }

    private void setPassword(String admin, String id, String password) throws IOException, InterruptedException {
        ObjectNode c = JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
        send(json(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/" + REALM + "/users/" + id
                + "/reset-password")), admin, c, "PUT"), 204);
    }

    // --- Vigil's API, through the gateway ---

    private String tenant(String token, Client c) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/tenants")), token,
                JSON.valueToTree(Map.of("name", c.name(), "slug", c.slug(), "socModel", c.socModel(), "timeZone",
                        c.timeZone(), "industry", c.industry())), "POST").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201 || r.statusCode() == 200) {
            return parse(r.body()).path("id").asText();
        }
        if (r.statusCode() == 409) { // made by an earlier seed
            for (JsonNode t : get(token, "/api/v1/tenants?limit=500").body.path("items")) {
                if (t.path("slug").asText().equals(c.slug())) {
                    return t.path("id").asText();
                }
            }
        }
        throw new Failure("POST /api/v1/tenants for " + c.slug() + " answered " + r.statusCode() + ": " + r.body());
    }

    private void awaitActive(String token, String id, Client c) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = get(token, "/api/v1/tenants/" + id).body.path("status").asText();
            if (status.equals("ACTIVE")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new Failure(c.name() + " is still " + status + " after 60 s (its identity is provisioned in Keycloak)");
    }

    private void asset(String token, String tenantId, String host, String domain, String criticality, String owner)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/assets")), token,
                JSON.valueToTree(Map.of("tenantId", tenantId, "hostname", host, "fqdn", host + "." + domain,
                        "criticality", criticality, "owner", owner, "environment", "production")), "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200 && r.statusCode() != 409) {
            throw new Failure("POST /api/v1/assets answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The tenant's log source of this name, made if it does not exist yet. */
    private String logSource(String token, String tenantId, String name) throws IOException, InterruptedException {
        JsonNode listed = get(token, "/api/v1/tenants/" + tenantId + "/log-sources").body;
        for (JsonNode s : listed.isArray() ? listed : listed.path("items")) {
            if (s.path("name").asText().equals(name)) {
                return s.path("id").asText();
            }
        }
        return post(token, "/api/v1/tenants/" + tenantId + "/log-sources", Map.of("name", name, "product", "sysmon",
                "format", "JSON", "expectedEventsPerDay", 50000, "silenceAfterMinutes", 1440)).path("id").asText();
    }

    private void customerUser(String provider, String admin, String tenantId, String username, String role,
            String title, String domain, String password) throws IOException, InterruptedException {
        String[] name = title.split(" ", 2);
        HttpResponse<String> r = http.send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/tenants/" + tenantId
                + "/users")), provider, JSON.valueToTree(Map.of("username", username, "email", username + "@" + domain,
                "firstName", name[0], "lastName", name[1], "role", role, "password", password)), "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 409) { // made by an earlier seed: a new password, set in Keycloak
            setPassword(admin, userId(admin, username), password);
        } else if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new Failure("POST /api/v1/tenants/" + tenantId + "/users answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** How many alerts the tenant's cases hold in all. */
    private long caseAlerts(String token, String tenantId) throws IOException, InterruptedException {
        long n = 0;
        for (JsonNode c : get(token, "/api/v1/cases?limit=500&tenantId=" + tenantId).body.path("items")) {
            n += c.path("alertCount").asLong();
        }
        return n;
    }

    private JsonNode post(String token, String path, Map<String, Object> body) throws IOException, InterruptedException {
        return parse(send(json(HttpRequest.newBuilder(URI.create(gateway + path)), token, JSON.valueToTree(body), "POST"),
                200, 201));
    }

    record Got(JsonNode body, long total) {
    }

    private Got get(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new Failure("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new Got(parse(r.body()), r.headers().firstValueAsLong("X-Total-Count").orElse(-1));
    }

    // --- HTTP ---

    private JsonNode form(String url, Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return parse(send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())), 200));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, String token, JsonNode body, String method)
            throws IOException {
        return b.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private String send(HttpRequest.Builder request, int... ok) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> r;
        try {
            r = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new Failure(built.uri() + " does not answer: is the stack up (./vigil status)?");
        }
        for (int code : ok) {
            if (r.statusCode() == code) {
                return r.body();
            }
        }
        throw new Failure(built.method() + " " + built.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
    }

    private static JsonNode parse(String body) throws IOException {
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    // --- output ---

    private void step(int n, String what) {
        out.printf("[%d/%d] %s ...%n", n, steps, what);
    }

    private void done(String what) {
        out.printf("      %s (%s s)%n", what, seconds());
    }

    private String seconds() {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
    }

    private static String password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder("demo-");
        for (int i = 0; i < 14; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void write(Path file, ObjectNode demo) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(demo) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // it holds passwords
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left as it is
        }
    }
}
