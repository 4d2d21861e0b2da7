package io.vigil.tenant.coverage.rest;

import io.vigil.tenant.coverage.Coverage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** API models of coverage. */
public final class CoverageModels {

    private CoverageModels() {
    }

    /** A weekly window of client-team cover, local times HH:mm; end before start crosses midnight. */
    public record WindowDto(
            @NotNull DayOfWeek day,
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String start,
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String end) {
    }

    public record CalendarDto(@NotNull @Valid List<WindowDto> windows, @NotNull List<LocalDate> holidays) {
    }

    public record CalendarResponse(UUID tenantId, String timeZone, String socModel, List<WindowDto> windows,
            List<LocalDate> holidays, Instant updatedAt) {
    }

    /** Who covers a tenant at an instant, and why. */
    public record WhoCovers(UUID tenantId, String tenantName, Instant at, String localTime, String timeZone,
            Set<Coverage.Party> covers, String reason) {
    }
}
