package io.vigil.reporting.logsource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The payload of tenant.log-source.created, .silent and .recovered (schemaVersion 1). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogSourceMessage(UUID id, UUID tenantId, String name, String product, String format,
        Long expectedEventsPerDay, Instant lastSeenAt, String health, Instant silentSince) {
}
