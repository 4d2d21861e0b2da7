package io.vigil.cases.shift.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The leaving shift hands over: its name and its notes for the next one. */
public record HandoverRequest(@NotBlank @Size(max = 100) String shift, @Size(max = 20000) String notes) {
}
