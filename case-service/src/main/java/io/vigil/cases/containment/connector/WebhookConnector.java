package io.vigil.cases.containment.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.cases.notify.service.WebhookKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic connector: the action as JSON to the client's EDR, firewall or SOAR, signed as every Vigil
 * webhook is ({@code X-Vigil-Signature: t=..,v1=HMAC-SHA256("t.body")} under the tenant's signing key), with an
 * {@code Idempotency-Key} that is the same on every retry of the step. A 2xx answer is success; anything else,
 * or no answer, is a failure the driver may retry.
 */
@ApplicationScoped
public class WebhookConnector implements Connector {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final WebhookKeys keys;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookConnector(WebhookKeys keys, ObjectMapper mapper, Clock clock) {
        this.keys = keys;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "WEBHOOK";
    }

    @Override
    public Outcome send(Config config, Request r) {
        String url = config.url();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "containment.action");
        body.put("tenantId", r.tenantId());
        body.put("caseId", r.caseId());
        body.put("caseNumber", r.caseNumber());
        body.put("runId", r.runId());
        body.put("step", r.step());
        body.put("action", r.action().wire());
        body.put("target", r.target());
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String secret = QuarkusTransaction.requiringNew().call(() -> keys.of(r.tenantId()).secret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(r.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Vigil-Containment/1")
                .header("Idempotency-Key", r.idempotencyKey())
                .header("X-Vigil-Signature", WebhookKeys.signature(secret, clock.instant().getEpochSecond(), json))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            String said = answer.body() == null ? "" : answer.body().strip();
            said = said.length() > 300 ? said.substring(0, 300) + "..." : said;
            return answer.statusCode() / 100 == 2 ? new Outcome(true, "HTTP " + answer.statusCode() + (said.isEmpty() ? "" : ": " + said))
                    : new Outcome(false, "the receiver answered HTTP " + answer.statusCode() + (said.isEmpty() ? "" : ": " + said));
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(false, "the receiver did not answer within the step's " + r.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Outcome(false, "no answer from the receiver: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}
