package io.vigil.cases.containment.rest;

import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.PlaybookStep;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PlaybookRun", description = "A playbook run on a case: its steps in order, each with why it may run"
        + " (pre-approved by the client) or whose approval it waits for, and how it went")
public record RunResponse(UUID id, UUID tenantId, UUID caseId, String playbook, int version, PlaybookRun.Status status,
        String startedBy, Instant startedAt, Instant finishedAt, List<Step> steps,
        @Schema(description = "After containment: the undo each contained target can have (release a host, enable an"
                + " account), as the playbook to run for it") List<Undo> undo) {

    @Schema(name = "PlaybookRunUndo")
    public record Undo(String action, String target, String playbook) {
    }

    @Schema(name = "PlaybookRunStep")
    public record Step(int position, String action, String target, String connector, Playbook.OnFailure onFailure,
            PlaybookStep.Status status, String approval,
            @Schema(description = "When the run reached this step and it began to wait for the client's approval")
            Instant waitingSince, String decidedBy, Instant decidedAt, String decisionNote, int attempts,
            String detail, Instant startedAt, Instant finishedAt,
            @Schema(description = "The SOC's decision on a failed step that asked (onFailure ASK)") String resolution) {
    }
}
