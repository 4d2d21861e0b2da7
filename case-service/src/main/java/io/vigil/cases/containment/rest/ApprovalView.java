package io.vigil.cases.containment.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApprovalRequest", description = "What a named approver's link asks: the case, the action and its"
        + " target, and whether the link can still decide")
public record ApprovalView(
        @Schema(description = "OPEN (can decide), USED (this link decided), DECIDED (someone else did), EXPIRED",
                enumeration = {"OPEN", "USED", "DECIDED", "EXPIRED"}) String state,
        @Schema(description = "The named approver the link was sent to") String approver,
        long caseNumber, String caseTitle, String severity, String playbook, int step, String action, String target,
        @Schema(description = "Why the step waits (the policy's answer)") String reason,
        @Schema(description = "The step's status now") String stepStatus,
        @Schema(description = "Who decided the step, once decided") String decidedBy,
        Instant expiresAt, Instant usedAt,
        @Schema(description = "APPROVED or DENIED, once this link was used") String decision) {
}
