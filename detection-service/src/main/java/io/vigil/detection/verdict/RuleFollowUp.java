package io.vigil.detection.verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The payload of a {@code rule.follow-up} message ({@code openapi/events/rule.follow-up.schema.json}). */
public record RuleFollowUp(UUID followUpId, UUID caseId, long caseNumber, String ruleId, String kind, String title,
        String owner, LocalDate dueDate, String status, String playbook, Instant updatedAt) {

    public static final String TYPE = "rule.follow-up";
}
