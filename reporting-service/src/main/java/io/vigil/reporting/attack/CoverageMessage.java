package io.vigil.reporting.attack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payload of {@code detection.coverage.changed} ({@code openapi/events/detection.coverage.changed.schema.json}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoverageMessage(UUID tenantId, Instant computedAt, int windowDays, String attackVersion, int enabledRules,
        int reachableRules, List<Kind> eventKinds, List<Technique> techniques, List<Need> needs) {

    public static final String TYPE = "detection.coverage.changed";

    public record Kind(String eventId, String channel, Instant lastSeen) {
    }

    public record Need(String logsource, int rules) {
    }

    public record Technique(String id, String name, int reachableRules, int blindRules, List<String> needs) {
    }
}
