package io.vigil.cases.containment.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.containment.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client's SSO when it is a Keycloak realm: ends a user's sessions ({@code revoke_sessions}), disables
 * or enables the user, through the realm's admin API as a confidential client whose service account holds
 * {@code manage-users} (settings {@code realm}, {@code clientId}; the credential is the client's secret).
 * The user is found by exact username (the alert's {@code CORP\jdoe} is {@code jdoe}).
 */
@ApplicationScoped
public class KeycloakConnector implements Connector {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper mapper;

    public KeycloakConnector(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String kind() {
        return "KEYCLOAK";
    }

    @Override
    public Outcome send(Config config, Request r) {
        if (r.action() != Action.REVOKE_SESSIONS && r.action() != Action.DISABLE_ACCOUNT
                && r.action() != Action.ENABLE_ACCOUNT) {
            return new Outcome(false, "a Keycloak realm cannot " + r.action().wire());
        }
        if (config.secret() == null) {
            return new Outcome(false, "the connector has no client secret");
        }
        String base = config.url().replaceAll("/+$", "");
        String realm = URLEncoder.encode(config.setting("realm"), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm
                    + "/protocol/openid-connect/token")).timeout(r.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + URLEncoder.encode(config.setting("clientId"), StandardCharsets.UTF_8) + "&client_secret="
                            + URLEncoder.encode(config.secret(), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return new Outcome(false, "the realm refused the connector's client credentials (HTTP " + token.statusCode() + ")");
            }
            String bearer = "Bearer " + mapper.readTree(token.body()).path("access_token").asText();
            String admin = base + "/admin/realms/" + realm + "/users";
            String username = r.target().contains("\\") ? r.target().substring(r.target().lastIndexOf('\\') + 1) : r.target();
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(admin + "?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8))).timeout(r.timeout())
                    .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() != 200) {
                return new Outcome(false, "the realm refused to look the user up (HTTP " + found.statusCode()
                        + "): does the client's service account hold manage-users?");
            }
            JsonNode users = mapper.readTree(found.body());
            if (users.size() != 1) {
                return new Outcome(false, users.isEmpty() ? "no user '" + username + "' in realm " + config.setting("realm")
                        : "several users match '" + username + "': nothing done");
            }
            String id = users.get(0).path("id").asText();
            HttpRequest change = r.action() == Action.REVOKE_SESSIONS
                    ? HttpRequest.newBuilder(URI.create(admin + "/" + id + "/logout")).header("Authorization", bearer)
                            .timeout(r.timeout()).POST(HttpRequest.BodyPublishers.noBody()).build()
                    : HttpRequest.newBuilder(URI.create(admin + "/" + id)).header("Authorization", bearer)
                            .header("Content-Type", "application/json").timeout(r.timeout())
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":"
                                    + (r.action() == Action.ENABLE_ACCOUNT) + "}")).build();
            HttpResponse<String> answer = http.send(change, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                return new Outcome(false, "the realm answered HTTP " + answer.statusCode() + " to " + r.action().wire());
            }
            return new Outcome(true, switch (r.action()) {
                case REVOKE_SESSIONS -> "ended every session of " + username + " in realm " + config.setting("realm");
                case DISABLE_ACCOUNT -> "disabled " + username + " in realm " + config.setting("realm");
                default -> "enabled " + username + " in realm " + config.setting("realm");
            });
        } catch (IOException e) {
            return new Outcome(false, "no answer from the realm: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}
