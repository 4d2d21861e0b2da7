package io.vigil.tenant.tenant.rest;

import io.vigil.tenant.tenant.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant. {@code provisioningError} says why a tenant is still ONBOARDING (its identity could not be
 * created yet; it is retried); {@code serviceClientId} is the Keycloak client its systems authenticate as.
 */
public record TenantResponse(UUID id, String name, String slug, Tenant.Status status, Tenant.SocModel socModel,
        String timeZone, String industry, java.util.List<Tenant.Regime> regulatoryRegimes, String statusReason, String serviceClientId, Instant provisionedAt,
        String provisioningError, long version, Instant createdAt, Instant updatedAt) {
}
