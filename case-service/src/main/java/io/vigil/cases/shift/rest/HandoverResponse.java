package io.vigil.cases.shift.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A handover: stored ({@code id} set) or the live state at a shift change ({@code id} null), each client the
 * reader serves with its open work, and the shift's last stored handover when this is the live one.
 */
public record HandoverResponse(UUID id, String shift, Instant at, String author, String notes, String acknowledgedBy,
        Instant acknowledgedAt, List<TenantHandover> tenants, HandoverResponse previous) {
}
