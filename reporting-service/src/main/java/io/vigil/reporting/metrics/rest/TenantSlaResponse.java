package io.vigil.reporting.metrics.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One tenant's line of the provider's SLA overview. */
public record TenantSlaResponse(UUID tenantId, String name, String socModel, long cases, long open, long openCritical,
        long slaMet, long slaBreached,
        @Schema(description = "SLA clocks met / (met + breached) for the period's cases; null when none ended")
        Double slaCompliance) {
}
