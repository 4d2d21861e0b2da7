package io.vigil.tenant.tenant.rest;

import io.vigil.tenant.tenant.Tenant;
import java.time.Instant;
import java.util.UUID;

public record TenantResponse(UUID id, String name, String slug, Tenant.Status status, Tenant.SocModel socModel,
        String timeZone, String industry, Instant createdAt, Instant updatedAt) {
}
