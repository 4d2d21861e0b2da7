package io.vigil.detection.suppression.rest;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/** One alert per distinct values of {@code groupBy} (event fields) per {@code window} (ISO-8601, e.g. PT1H). */
public record SuppressionRequest(@NotEmpty @Size(max = 5) List<@NotNull String> groupBy, @NotNull Duration window) {
}
