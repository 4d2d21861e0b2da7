package io.vigil.cases.triage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.triage.rest.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The events behind a case's alerts, read from detection-service's event store through its API with the
 * caller's own token: detection applies the caller's tenant walls (and row-level security) to the read, so
 * case-service never widens what the caller may see.
 */
@ApplicationScoped
public class StoredEvents {

    private static final Logger LOG = Logger.getLogger(StoredEvents.class);
    /** Detection answers at most this many ids per request. */
    static final int PER_REQUEST = 64;
    /** The fields that say what happened, in the order a summary shows them. */
    private static final List<String> SUMMARY = List.of("event.action", "event.code", "process.command_line",
            "process.executable", "user.name", "source.ip", "destination.ip", "url.full", "file.path", "message");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper;
    private final URI base;

    public StoredEvents(ObjectMapper mapper, @ConfigProperty(name = "vigil.cases.detection-url") URI base) {
        this.mapper = mapper;
        this.base = base;
    }

    /**
     * The events with these ids as timeline lines ({@code kind=event}), or empty when detection could not
     * answer in time: the rest of the timeline stands without them, and the caller is told.
     */
    public Optional<List<TimelineEntry>> timeline(String bearer, Collection<UUID> ids) {
        List<TimelineEntry> out = new ArrayList<>();
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += PER_REQUEST) {
            StringJoiner query = new StringJoiner("&");
            all.subList(from, Math.min(all.size(), from + PER_REQUEST)).forEach(id -> query.add("id=" + id));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/events?" + query))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(3)).GET().build();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    LOG.warnf("detection-service answered %d to an event lookup", answer.statusCode());
                    return Optional.empty();
                }
                for (JsonNode e : mapper.readTree(answer.body()).path("items")) {
                    out.add(entry(e));
                }
            } catch (IOException e) {
                LOG.warnf("detection-service unreachable for an event lookup: %s", e.toString());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private static TimelineEntry entry(JsonNode e) {
        JsonNode doc = e.path("event");
        StringJoiner summary = new StringJoiner(" | ");
        for (String field : SUMMARY) {
            JsonNode v = doc.get(field);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                summary.add(field + "=" + abbreviate(v.asText()));
            }
        }
        String host = doc.path("host.name").asText("");
        return new TimelineEntry(Instant.parse(e.path("ts").asText()), "event", host.isEmpty() ? "telemetry" : host,
                summary.length() == 0 ? "event" : summary.toString(), e.path("id").asText());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
