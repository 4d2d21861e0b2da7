package io.vigil.cases.triage.repository;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the queue is narrowed to; null (or empty) means any. */
public record CaseFilter(List<UUID> tenantIds, List<Case.Status> statuses, List<Alert.Severity> severities,
        String assignee, Integer tier, String ruleId, String technique, String host, Integer minPriority, List<io.vigil.cases.sla.SlaState> slaStates,
        Instant createdFrom, Instant createdTo, Instant updatedFrom, Instant updatedTo) {
}
