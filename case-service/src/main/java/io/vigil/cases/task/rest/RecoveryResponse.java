package io.vigil.cases.task.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The case's recovery: its tasks, and the watch on its observables ("type|value") until {@code watchUntil}. */
public record RecoveryResponse(UUID caseId, Instant watchUntil, List<String> watched, List<TaskResponse> tasks) {
}
