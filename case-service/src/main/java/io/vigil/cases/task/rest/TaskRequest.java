package io.vigil.cases.task.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A task added to a case by hand. */
public record TaskRequest(@NotBlank @Size(max = 300) String title, @Size(max = 4000) String description,
        @Size(max = 200) String assignee) {
}
