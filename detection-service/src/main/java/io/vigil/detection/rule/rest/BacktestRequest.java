package io.vigil.detection.rule.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** A Sigma rule to run over the stored events of a time range (all the caller's tenants, or one). */
public record BacktestRequest(@NotBlank String rule, @NotNull Instant from, @NotNull Instant to, UUID tenantId) {
}
