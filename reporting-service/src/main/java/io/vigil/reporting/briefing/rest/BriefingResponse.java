package io.vigil.reporting.briefing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A confirmed incident in business terms, for the client's CIO. */
public record BriefingResponse(UUID caseId, long caseNumber, UUID tenantId, String title, String headline,
        String severity, String priority, String status, String statusInWords, boolean closed,
        @Schema(description = "The first activity the case holds (the earliest alert's event time)") Instant detectedAt,
        Instant openedAt, Instant containedAt, Instant resolvedAt,
        @Schema(description = "The attack's stages, in plain words, in attack order") List<String> whatHappened,
        @Schema(description = "The systems involved, most business-critical first; inInventory false for a host the"
                + " client's asset inventory does not list") List<AffectedAsset> affectedAssets,
        @Schema(description = "SLA promises and regulatory deadlines of the case that warned, breached or ended")
        List<Deadline> deadlines,
        @Schema(description = "What the client must decide: containment steps waiting for its admin's approval")
        List<Decision> decisionsNeeded,
        @Schema(description = "Containment actions of the case's playbook runs, in order, with how each went")
        List<ContainmentAction> containment,
        @Schema(description = "When the client hears from the SOC next, by the case's priority; null once closed")
        Instant nextUpdateBy, Instant updatedAt,
        @Schema(description = "Only with detail=true: the rule, techniques and hosts") TechnicalDetail technicalDetail) {

    public record AffectedAsset(String name, String criticality, String owner, String environment, boolean inInventory) {
    }

    public record Decision(UUID runId, int step, String action, String target, String inWords,
            @Schema(description = "Why it waits: no pre-approval covers it") String why, String startedBy,
            Instant waitingSince,
            @Schema(description = "Where the client's admin approves or denies it (POST, {approve, note})") String decide) {
    }

    public record ContainmentAction(UUID runId, String playbook, int step, String action, String target,
            String inWords, String status, String decidedBy, String decisionNote, Instant finishedAt) {
    }

    public record Deadline(String family, String kind, String regime, String state, boolean keptLate, Instant dueAt,
            Instant stoppedAt) {
    }

    public record TechnicalDetail(String ruleId, List<String> techniques, List<String> tactics, List<String> hosts,
            int alertCount, int tier, String assignee, String classification, String rootCause) {
    }
}
