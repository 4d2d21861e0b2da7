package io.vigil.cases.shift.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A shift: the days it starts on and its hours in its zone (an end before the start runs past midnight), the
 * usernames on it, and the tenants it covers (none: every tenant its members serve).
 */
public record ShiftRequest(@NotBlank @Size(max = 64) String timeZone, @NotEmpty List<@NotNull DayOfWeek> days,
        @NotNull LocalTime startsAt, @NotNull LocalTime endsAt, @Size(max = 200) List<@NotBlank @Size(max = 200) String> members,
        @Size(max = 1000) List<@NotNull UUID> tenantIds) {
}
