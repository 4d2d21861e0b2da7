package io.vigil.detection.baseline.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * How a tenant's baselines learn and judge: the learning period, which first-seen kinds raise alerts
 * (logon-source, process, parent-child, admin-tool), and the volume threshold (mean + sigmas x deviation,
 * at least volumeMinCount events in the hour).
 */
public record BaselineSettings(
        @NotNull Boolean enabled,
        @NotNull @Min(value = 1, message = "must be between 1 and 90") @Max(value = 90, message = "must be between 1 and 90")
        Integer learningDays,
        @NotNull List<@NotNull String> kinds,
        @NotNull @DecimalMin(value = "0.5", message = "must be between 0.5 and 100")
        @DecimalMax(value = "100", message = "must be between 0.5 and 100") Double volumeSigmas,
        @NotNull @Min(value = 0, message = "must not be negative") Integer volumeMinCount) {
}
