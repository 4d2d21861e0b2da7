package io.vigil.cases.task.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How long to watch the case's observables for recurrence after recovery (days, 1 to 90; 14 when absent). */
public record RecoveryRequest(@Min(1) @Max(90) Integer watchDays) {
}
