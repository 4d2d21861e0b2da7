package io.vigil.reporting.logsource.rest;

import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LogSources", description = "The tenant's declared log sources: health now, and the silences of the"
        + " period (a source sending nothing past its threshold)")
public record LogSourcesResponse(UUID tenantId, PeriodResponse period, long sources,
        @Schema(description = "How many are silent now") long silentNow,
        @Schema(description = "Events all sources delivered in the period (counted per UTC day, a day in the period"
                + " holding its noon)") long events,
        @Schema(description = "The same for the period before (month over month)") long previousPeriodEvents,
        PeriodResponse previousPeriod, List<Source> items) {

    public record Source(UUID id, String name, String product, String format, Long expectedEventsPerDay,
            @Schema(description = "OK, SILENT or UNKNOWN (nothing received yet)") String health, Instant lastSeenAt,
            Instant silentSince,
            @Schema(description = "Silences overlapping the period") long silences,
            @Schema(description = "Their minutes inside the period (an open one counted until now)") long silentMinutes,
            long longestSilenceMinutes,
            @Schema(description = "Events it delivered in the period") long events,
            @Schema(description = "Events it delivered in the period before") long previousPeriodEvents) {
    }
}
