package io.vigil.cases.triage.rest;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case as the queue and its page show it (field names after Sentinel's incident where one exists). The
 * priority comes with its factors, so tier 1 can see why a case is on top; {@code version} is the ETag.
 */
public record CaseResponse(UUID id, UUID tenantId, long number, String title, String description,
        Alert.Severity severity, String severityReason, int priority, String priorityLabel,
        List<PriorityFactor> priorityFactors, Case.Status status, int tier, String assignee, Case.Party ownerParty,
        List<String> labels, List<String> techniques, List<String> tactics, List<String> hosts, String ruleId,
        int alertCount, Instant firstActivityTimeUtc, Instant lastActivityTimeUtc, Instant createdTimeUtc,
        Instant lastModifiedTimeUtc, Instant acknowledgedAt, Instant containedAt, Instant resolvedAt, Instant closedAt,
        Case.Classification classification, String classificationReason, String rootCause, String closingComment,
        String slaState, Instant slaDueAt, long version) {
}
