package io.vigil.cases.shift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;

/** One shift of the provider's schedule: its days and hours in its zone, its members, the tenants it covers. */
@Entity
@Table(name = "shifts")
public class Shift {

    @Id
    public String name;
    @Column(name = "time_zone", nullable = false)
    public String timeZone;
    @Column(nullable = false)
    public String[] days;
    @Column(name = "starts_at", nullable = false)
    public LocalTime startsAt;
    /** Before {@link #startsAt}: the shift runs across midnight into the next day. */
    @Column(name = "ends_at", nullable = false)
    public LocalTime endsAt;
    @Column(nullable = false)
    public String[] members;
    /** Null: every tenant its members serve. */
    @Column(name = "tenant_ids")
    public UUID[] tenantIds;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    /** Whether the shift is on at this instant (a night shift counts from the day it starts). */
    public boolean onDutyAt(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        LocalTime time = local.toLocalTime();
        if (!endsAt.isBefore(startsAt)) {
            return starts(local.getDayOfWeek()) && !time.isBefore(startsAt) && time.isBefore(endsAt);
        }
        return starts(local.getDayOfWeek()) && !time.isBefore(startsAt)
                || starts(local.getDayOfWeek().minus(1)) && time.isBefore(endsAt);
    }

    private boolean starts(DayOfWeek day) {
        return Arrays.asList(days).contains(day.name());
    }
}
