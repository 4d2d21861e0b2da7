package io.vigil.cases.triage.service;

import io.vigil.platform.tenancy.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may be given a case: read from Keycloak, the identity directory, with case-service's own service account
 * (realm-management view-users and query-groups, nothing that writes). Provider staff must hold a SOC role and
 * serve the case's tenant (the {@code /tenants} group, or that tenant's); a client's people must be analysts or
 * admins of that very tenant. A user is looked up at most every 30 seconds.
 */
@ApplicationScoped
public class StaffDirectory {

    private static final Set<String> STAFF = Roles.STAFF;
    private static final Set<String> CLIENT_WORKERS = Set.of(Roles.CUSTOMER_ANALYST, Roles.CUSTOMER_ADMIN);
    private static final Duration FRESH = Duration.ofSeconds(30);

    /** A user as the directory has them ({@code exists} false: no such user), and when that was read. */
    record Member(boolean exists, boolean enabled, Set<String> groups, Set<String> roles, String email, Instant readAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Member> cache = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final String admin;
    private final String tokenUrl;
    private final String clientId;
    private final String secret;
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    public StaffDirectory(ObjectMapper mapper, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String realm,
            @ConfigProperty(name = "quarkus.oidc.client-id") String clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") String secret) {
        this.mapper = mapper;
        this.admin = realm.replace("/realms/", "/admin/realms/");
        this.tokenUrl = realm + "/protocol/openid-connect/token";
        this.clientId = clientId;
        this.secret = secret;
    }

    /** Refuses (422) an assignee who may not work the tenant's cases; 503 when the directory cannot tell. */
    public void requireAssignable(String username, UUID tenantId) {
        Member m = member(username);
        if (!m.exists() || !m.enabled()) {
            throw new ProblemException.Unprocessable("no active user '" + username + "' to assign the case to",
                    java.util.List.of(new io.vigil.platform.errors.Problem.FieldError("assignee", "no such active user")));
        }
        String own = "/tenants/" + tenantId;
        boolean staff = m.roles().stream().anyMatch(STAFF::contains)
                && (m.groups().contains("/tenants") || m.groups().contains(own));
        boolean client = m.roles().stream().anyMatch(CLIENT_WORKERS::contains) && m.groups().contains(own);
        if (!staff && !client) {
            throw new ProblemException.Unprocessable("'" + username + "' may not work this client's cases",
                    java.util.List.of(new io.vigil.platform.errors.Problem.FieldError("assignee",
                            "must be provider staff serving the tenant, or one of its own analysts")));
        }
    }

    /** The staff member's e-mail address as the directory has it, when it can tell. */
    public java.util.Optional<String> email(String username) {
        try {
            Member m = member(username);
            return m.exists() && m.enabled() ? java.util.Optional.ofNullable(m.email()) : java.util.Optional.empty();
        } catch (ProblemException e) {
            return java.util.Optional.empty();
        }
    }

    private Member member(String username) {
        Instant now = Instant.now();
        Member known = cache.get(username);
        if (known != null && known.readAt().plus(FRESH).isAfter(now)) {
            return known;
        }
        try {
            JsonNode users = get(admin + "/users?exact=true&briefRepresentation=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8));
            Member m;
            JsonNode u = users.isArray() && !users.isEmpty() ? users.get(0) : null;
            if (u == null || !username.equalsIgnoreCase(u.path("username").asText())) {
                m = new Member(false, false, Set.of(), Set.of(), null, now);
            } else {
                String id = u.path("id").asText();
                Set<String> groups = new HashSet<>();
                get(admin + "/users/" + id + "/groups?briefRepresentation=true").forEach(g -> groups.add(g.path("path").asText()));
                Set<String> roles = new HashSet<>();
                get(admin + "/users/" + id + "/role-mappings/realm/composite").forEach(r -> roles.add(r.path("name").asText()));
                m = new Member(true, u.path("enabled").asBoolean(false), groups, roles, u.path("email").asText(null), now);
            }
            cache.put(username, m);
            return m;
        } catch (IOException e) {
            throw new ProblemException.ServiceUnavailable("the identity directory did not answer, so the assignee"
                    + " could not be checked; nothing was changed", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException.ServiceUnavailable("interrupted while checking the assignee", 5);
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 403) { // a realm imported before case-service had its read-only service account
            throw new ProblemException.ServiceUnavailable("case-service may not read the identity directory: its"
                    + " service account lacks realm-management view-users (re-import infra/keycloak/vigil-realm.json);"
                    + " nothing was changed", 60);
        }
        if (r.statusCode() != 200) {
            throw new IOException("the directory answered " + r.statusCode() + " to " + url);
        }
        return mapper.readTree(r.body());
    }

    private String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the directory refused case-service's credentials: " + r.statusCode());
        }
        JsonNode t = mapper.readTree(r.body());
        token = t.path("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(Math.max(10, t.path("expires_in").asLong(60) - 30));
        return token;
    }
}
