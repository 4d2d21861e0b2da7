package io.vigil.cases.containment.rest;

import io.vigil.cases.containment.service.PlaybookRuns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StepResolution", description = "The SOC's decision on a failed step whose playbook asks: RETRY sends it"
        + " again, CONTINUE goes on without it, STOP ends the run; with why")
public record ResolutionRequest(@NotNull PlaybookRuns.Resolution resolution, @NotBlank @Size(max = 2000) String note) {
}
