package io.vigil.ingest.routing;

import io.vigil.ingest.intake.IngestConfig;
import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forwards a public API call to the service that owns it, as the single front door for client systems.
 * The caller's credentials travel on (every service validates the token itself); only the headers an API
 * call needs are passed, both ways.
 */
@ApplicationScoped
public class ApiRouter {

    static final Set<String> REQUEST_HEADERS = Set.of("authorization", "content-type", "accept", "if-match",
            "if-none-match", "idempotency-key", "x-vigil-tenant", "content-encoding", "x-content-sha256");
    static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "etag", "retry-after",
            "cache-control", "www-authenticate", "x-total-count", "x-total-count-at-least", "content-disposition", "x-content-sha256",
            "x-evidence-intact", "x-vigil-partial", "idempotent-replayed");

    /** What the owning service answered. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private final Map<String, String> routes;
    private final Map<String, String> tenantRoutes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public ApiRouter(IngestConfig config) {
        this.routes = config.routes();
        this.tenantRoutes = config.tenantRoutes();
    }

    /**
     * The service owning a path after {@code /api/v1/}: by its first segment ({@code tenants}, {@code alerts}
     * ...), except the tenant sub-resources other services own ({@code tenants/{id}/filters} ...).
     */
    public Optional<String> upstream(String route) {
        String[] segments = route.split("/", 4);
        if (segments[0].equals("tenants") && segments.length >= 3 && tenantRoutes.containsKey(segments[2])) {
            return Optional.of(tenantRoutes.get(segments[2]));
        }
        return Optional.ofNullable(routes.get(segments[0]));
    }

    public Answer forward(String base, String method, String pathAndQuery, Map<String, List<String>> headers,
            byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> out = new java.util.HashMap<>();
            r.headers().map().forEach((k, v) -> {
                if (RESPONSE_HEADERS.contains(k.toLowerCase())) {
                    out.put(k, v);
                }
            });
            return new Answer(r.statusCode(), out, r.body());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new ProblemException.ServiceUnavailable("the service behind " + pathAndQuery.split("\\?")[0]
                    + " is not answering: retry shortly", 5);
        } catch (IOException e) {
            throw new ProblemException.ServiceUnavailable("the service behind " + pathAndQuery.split("\\?")[0]
                    + " failed to answer: " + e.getMessage(), 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException.ServiceUnavailable("interrupted while forwarding", 1);
        }
    }
}
