package io.vigil.detection.verdict.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * How a rule fared for a tenant: the analysts' verdicts on its alerts, and the share of them that were false
 * positives (null before any verdict).
 */
public record RuleVerdicts(UUID tenantId, String ruleId, long truePositives, long benignPositives, long falsePositives,
        Double falsePositiveRate, Instant updatedAt) {
}
