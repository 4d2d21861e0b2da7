package io.vigil.cases.audit.rest;

import java.time.Instant;
import java.util.UUID;

/** One row of a tenant's case audit trail; before and after are JSON text. */
public record AuditEntry(UUID tenantId, long seq, Instant at, String actor, UUID caseId, String action, String before,
        String after, String prevHash, String hash) {
}
