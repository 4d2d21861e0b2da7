package io.vigil.cases.triage.rest;

import io.vigil.cases.triage.Case;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Closing a case: what it was (Sentinel's classification), why, the root cause and a comment. The case's
 * alerts are closed with the same verdict (undetermined leaves their verdicts to the analyst).
 */
public record CloseRequest(@NotNull Case.Classification classification,
        @NotBlank @Size(max = 2000) String classificationReason, @Size(max = 4000) String rootCause,
        @Size(max = 4000) String comment) {
}
