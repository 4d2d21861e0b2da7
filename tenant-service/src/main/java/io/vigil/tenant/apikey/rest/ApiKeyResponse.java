package io.vigil.tenant.apikey.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * An ingestion key as listed. {@code key} is present only in the answer to its creation: it is never
 * stored, so it cannot be shown again.
 */
public record ApiKeyResponse(UUID id, UUID tenantId, UUID logSourceId, String name, String prefix, String key,
        Instant createdAt, String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy) {
}
