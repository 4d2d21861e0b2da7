package io.vigil.detection.pipeline.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payload of an {@code alert.raised} message, as {@code openapi/events/alert.raised.schema.json}
 * declares it. Built only by {@link AlertFactory}; absent parts are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRaised(Kind kind, String ruleId, String ruleTitle, String ruleAuthor, Integer ruleVersion,
        String title, String level, String severity, Instant raisedAt, UUID eventId, List<String> tags,
        List<Technique> techniques, List<String> tactics, Map<String, String> entities, String correlation,
        Long count, Instant first, Instant last, Map<String, String> group, IndicatorHit indicator,
        BaselineFact baseline) {

    public static final String TYPE = "alert.raised";
    public static final int SCHEMA_VERSION = 1;

    /** What raised it. */
    public enum Kind {
        sigma, correlation, intel, baseline
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Technique(String id, String name, List<String> tactics) {
    }

    public record IndicatorHit(String type, String value, String source, String context, String field) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BaselineFact(String kind, String entity, String value, Instant learningSince, String entityKind,
            Instant hour, Long count, Double mean, Double sd, Double threshold, Integer learningDays) {
    }
}
