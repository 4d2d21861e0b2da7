package io.vigil.detection.verdict;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** What detection reads of an {@code alert.verdict} message ({@code openapi/events/alert.verdict.schema.json}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertVerdict(UUID alertId, String ruleId, String verdict, String previousVerdict, String closedBy) {

    public static final String TYPE = "alert.verdict";
}
