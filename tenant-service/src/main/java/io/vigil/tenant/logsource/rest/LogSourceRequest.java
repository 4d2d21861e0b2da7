package io.vigil.tenant.logsource.rest;

import io.vigil.tenant.logsource.LogSource;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A log source to expect. {@code silenceAfterMinutes}: how long it may send nothing before it is reported
 * silent (default 60).
 */
public record LogSourceRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String product,
        @NotNull LogSource.Format format,
        @PositiveOrZero Long expectedEventsPerDay,
        @Min(1) @Max(43_200) Integer silenceAfterMinutes) {
}
