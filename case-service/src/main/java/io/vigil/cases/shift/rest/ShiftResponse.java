package io.vigil.cases.shift.rest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** A shift of the schedule, and whether it is on duty now. */
public record ShiftResponse(String name, String timeZone, List<DayOfWeek> days, LocalTime startsAt, LocalTime endsAt,
        List<String> members, List<UUID> tenantIds, boolean onDuty, Instant updatedAt, String updatedBy) {
}
