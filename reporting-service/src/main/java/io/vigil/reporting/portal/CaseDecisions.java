package io.vigil.reporting.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A client admin's decision on a waiting containment step, taken in the portal and made by case-service, which
 * owns the run: its API is called with the admin's own access token, so case-service checks their role and
 * tenant as for any caller, and its timeline names them.
 */
@ApplicationScoped
public class CaseDecisions {

    private static final Logger LOG = Logger.getLogger(CaseDecisions.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper mapper;
    private final String caseService;

    public CaseDecisions(ObjectMapper mapper, @ConfigProperty(name = "vigil.reporting.case-service-url") String caseService) {
        this.mapper = mapper;
        this.caseService = caseService;
    }

    /** Has case-service decide the step; its refusals come back as the same problems (404, 409 ...). */
    public void decide(String accessToken, UUID caseId, UUID runId, int step, boolean approve, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("approve", approve);
        body.put("note", note);
        HttpResponse<String> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(caseService + "/api/v1/cases/" + caseId
                    + "/playbook-runs/" + runId + "/steps/" + step + "/decision"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("case-service unreachable for a decision on run %s: %s", runId, e.getMessage());
            throw new ProblemException.ServiceUnavailable("the SOC's case service cannot be reached; nothing was decided,"
                    + " try again in a minute", 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException.ServiceUnavailable("interrupted; nothing was decided", 5);
        }
        if (answer.statusCode() / 100 == 2) {
            return;
        }
        String detail = parse(answer.body()).path("detail").asText("case-service answered HTTP " + answer.statusCode());
        throw switch (answer.statusCode()) {
            case 400, 422 -> new ProblemException.BadRequest(detail);
            case 403 -> new ProblemException.Forbidden(detail);
            case 404 -> new ProblemException.NotFound(detail);
            case 409 -> new ProblemException.Conflict(detail);
            default -> new ProblemException.ServiceUnavailable("the SOC's case service failed (" + detail
                    + "); nothing was decided, try again in a minute", 30);
        };
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
