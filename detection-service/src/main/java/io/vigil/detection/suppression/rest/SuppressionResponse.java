package io.vigil.detection.suppression.rest;

import java.util.List;
import java.util.UUID;

/** A tenant's suppression of a rule, and how many alerts it has held back so far. */
public record SuppressionResponse(UUID tenantId, String ruleId, List<String> groupBy, String window, long suppressed) {
}
