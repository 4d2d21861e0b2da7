package io.vigil.reporting.casefacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What reporting reads of the case.* messages ({@code openapi/events/case.defs.json}): the case file after a
 * change, and a clock after it warned, breached or stopped.
 */
public final class CaseMessages {

    private CaseMessages() {
    }

    /** case.created, case.alert-added, case.updated, case.closed, case.reopened (schemaVersion 1). */
    public static final List<String> CASE_CHANGES = List.of("case.created", "case.alert-added", "case.updated",
            "case.closed", "case.reopened");
    /** case.playbook-run.changed (schemaVersion 1). */
    public static final String RUN_CHANGED = "case.playbook-run.changed";

    /** case.sla.* (schemaVersion 1). */
    public static final List<String> CLOCK_CHANGES = List.of("case.sla.at-risk", "case.sla.breached", "case.sla.met",
            "case.sla.met-late");

    /** The case file is all reporting reads; who changed what is the case's own timeline. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseChanged(CaseFile caseFile) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseFile(UUID id, UUID tenantId, long number, String title, String severity, int priority,
            String priorityLabel, String status, int tier, String assignee, String ownerParty, List<String> techniques,
            List<String> tactics, List<String> hosts, String ruleId, int alertCount, Instant firstActivityTimeUtc,
            Instant createdTimeUtc, Instant acknowledgedAt, Instant containedAt, Instant resolvedAt, Instant closedAt,
            String classification, String rootCause, long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClockChanged(UUID caseId, long caseNumber, String severity, Clock clock) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clock(UUID id, String family, String kind, String regime, int targetMinutes, String counting,
            String state, Instant startedAt, Instant dueAt, Instant stoppedAt, int countedMinutes, int pausedMinutes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(UUID id, UUID tenantId, UUID caseId, String playbook, String status, String startedBy,
            Instant startedAt, Instant finishedAt, List<RunStep> steps) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunStep(int position, String action, String target, String status, String approval,
            Instant waitingSince, String decidedBy, Instant decidedAt, String decisionNote, Instant startedAt, Instant finishedAt) {
    }
}
