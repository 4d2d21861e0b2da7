package io.vigil.tenant.logsource.rest;

import io.vigil.tenant.logsource.LogSource;
import java.time.Instant;
import java.util.UUID;

/**
 * A log source and its health: {@code OK} (sent within its silence threshold), {@code SILENT} (quiet for
 * longer), {@code NEVER_SEEN} (nothing received yet).
 */
public record LogSourceResponse(UUID id, UUID tenantId, String name, String product, LogSource.Format format,
        Long expectedEventsPerDay, int silenceAfterMinutes, Instant lastSeenAt, LogSource.Health health, Instant silentSince,
        Instant createdAt) {
}
