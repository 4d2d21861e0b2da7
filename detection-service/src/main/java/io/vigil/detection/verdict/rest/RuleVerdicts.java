package io.vigil.detection.verdict.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * How a rule fared for a tenant: the analysts' verdicts on its alerts, the share of them that were false
 * positives (null before any verdict), and the open follow-ups post-incident reviews asked of it.
 */
public record RuleVerdicts(UUID tenantId, String ruleId, long truePositives, long benignPositives, long falsePositives,
        Double falsePositiveRate, Instant updatedAt, java.util.List<FollowUp> openFollowUps) {

    /** An open follow-up of a post-incident review on this rule: what to change, who, by when, from which case. */
    public record FollowUp(UUID id, long caseNumber, String kind, String title, String owner, java.time.LocalDate dueDate,
            String playbook) {
    }
}
