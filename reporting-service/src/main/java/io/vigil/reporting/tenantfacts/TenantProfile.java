package io.vigil.reporting.tenantfacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * What reporting reads of a tenant profile event ({@code tenant.created}, {@code tenant.updated} ...:
 * {@code openapi/events/tenant.defs.json#/definitions/tenant}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantProfile(UUID id, String name, String slug, String status, String socModel, String timeZone) {
}
