package io.vigil.detection.tuning.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's Sigma filter as stored, with how many rule matches it dropped and when it last did. */
public record FilterResponse(UUID tenantId, String id, String title, List<String> rules, String yaml, long filtered,
        Instant lastFiltered, Instant createdAt, Instant updatedAt) {
}
