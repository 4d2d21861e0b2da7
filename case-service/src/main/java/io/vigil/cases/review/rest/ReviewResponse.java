package io.vigil.cases.review.rest;

import io.vigil.cases.review.FollowUp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A case's post-incident review, with the timeline summary generated from the case (when it began, was seen,
 * acknowledged, contained, resolved; what was done) and the follow-ups.
 */
public record ReviewResponse(UUID caseId, long caseNumber, UUID tenantId, String caseTitle, String severity,
        String classification, List<String> timelineSummary, String rootCause, String whatWorked, String whatDidNot,
        List<FollowUpResponse> followUps, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public record FollowUpResponse(UUID id, int position, FollowUp.Kind kind, String title, String owner,
            LocalDate dueDate, FollowUp.Status status, boolean overdue, String ruleId, String playbook, Instant doneAt) {
    }
}
