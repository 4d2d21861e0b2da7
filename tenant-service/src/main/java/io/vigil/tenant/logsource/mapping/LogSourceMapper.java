package io.vigil.tenant.logsource.mapping;

import io.vigil.tenant.logsource.LogSource;
import io.vigil.tenant.logsource.rest.LogSourceResponse;
import java.time.Instant;

public final class LogSourceMapper {

    private LogSourceMapper() {
    }

    public static LogSourceResponse toResponse(LogSource s, Instant lastSeen, Instant now) {
        return new LogSourceResponse(s.id, s.tenantId, s.name, s.product, s.format, s.expectedEventsPerDay,
                s.silenceAfterMinutes, lastSeen, s.health(lastSeen, now), s.silentSince, s.createdAt);
    }
}
