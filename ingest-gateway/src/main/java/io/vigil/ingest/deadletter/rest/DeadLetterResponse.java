package io.vigil.ingest.deadletter.rest;

import java.time.Instant;
import java.util.UUID;

public record DeadLetterResponse(UUID id, UUID tenantId, Instant receivedAt, String format, String reason,
        Integer lineNumber, String raw, int rawBytes) {
}
