package io.vigil.cases.containment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ContainmentDecision", description = "The client's answer to a step waiting for approval, with why")
public record DecisionRequest(@NotNull Boolean approve, @NotBlank @Size(max = 2000) String note) {
}
