package io.vigil.cases.triage.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Reopening a closed or resolved case needs a reason. */
public record ReopenRequest(@NotBlank @Size(max = 2000) String reason) {
}
