package io.vigil.reporting.tenantfacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What reporting reads of {@code tenant.asset.created} ({@code tenant.defs.json#/definitions/asset}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetMessage(UUID id, UUID tenantId, String hostname, String fqdn, String criticality, String owner,
        String environment, List<String> tags, Instant updatedAt) {
}
