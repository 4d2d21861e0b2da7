package io.vigil.reporting.tenantfacts.rest;

import java.time.Instant;
import java.util.UUID;

public record TenantFactResponse(UUID tenantId, String name, String slug, String status, String socModel,
        String timeZone, Instant updatedAt) {
}
