package io.vigil.tenant.asset.rest;

import io.vigil.tenant.asset.Asset;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record AssetResponse(UUID id, UUID tenantId, String hostname, String fqdn, List<String> addresses,
        Asset.Criticality criticality, String owner, String environment, String cloudAccountId, List<String> tags,
        Instant createdAt, Instant updatedAt) {
}
