package io.vigil.cases.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What case-service reads of an {@code alert.raised} message ({@code openapi/events/alert.raised.schema.json},
 * schemaVersion 1). Fields it does not use are ignored; the whole payload is kept with the alert.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRaised(String kind, String ruleId, String ruleTitle, String title, String level,
        Alert.Severity severity, Instant raisedAt, UUID eventId, List<Technique> techniques, List<String> tactics,
        Map<String, String> entities, Map<String, String> group, IndicatorHit indicator) {

    public static final String TYPE = "alert.raised";

    /** A threat-intel alert's indicator. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IndicatorHit(String type, String value, String source, String field) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Technique(String id, String name, List<String> tactics) {
    }
}
