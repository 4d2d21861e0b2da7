package io.vigil.cases.containment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PlaybookRunRequest", description = "Which playbook to run on the case")
public record RunRequest(@NotBlank @Size(max = 63) String playbook) {
}
