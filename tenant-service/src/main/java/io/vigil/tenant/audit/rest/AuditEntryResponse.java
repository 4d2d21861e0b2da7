package io.vigil.tenant.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One audited change: who, when, what. */
public record AuditEntryResponse(UUID id, Instant at, String actor, String action, String entityType, String entityId,
        JsonNode changes) {
}
