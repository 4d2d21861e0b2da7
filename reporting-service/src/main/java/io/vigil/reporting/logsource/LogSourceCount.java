package io.vigil.reporting.logsource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What reporting reads of a {@code tenant.log-source.counted} message. */
public record LogSourceCount(UUID logSourceId, UUID tenantId, String name, String product, LocalDate day, long events,
        Instant countedAt) {
}
