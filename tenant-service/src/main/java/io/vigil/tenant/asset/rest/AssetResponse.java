package io.vigil.tenant.asset.rest;

import io.vigil.tenant.asset.Asset;
import java.time.Instant;
import java.util.UUID;

public record AssetResponse(UUID id, UUID tenantId, String hostname, String ip, Asset.Criticality criticality,
        String owner, String environment, Instant createdAt, Instant updatedAt) {
}
