package io.vigil.cases.task.rest;

import io.vigil.cases.task.CaseTask;
import jakarta.validation.constraints.Size;

/** A task done, skipped or reopened, or given to someone ("me": the caller; "": nobody). */
public record TaskUpdate(CaseTask.Status status, @Size(max = 200) String assignee) {
}
