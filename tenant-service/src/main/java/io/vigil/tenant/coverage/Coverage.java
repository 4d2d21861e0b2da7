package io.vigil.tenant.coverage;

import io.vigil.tenant.tenant.Tenant;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who works a tenant's alerts at a given instant: its SOC model, its weekly windows of client-team cover
 * (wall-clock times in the tenant's zone, so a window stays 08:00-18:00 across daylight-saving changes) and
 * its holidays (no client cover all day, in the tenant's calendar).
 */
public record Coverage(Tenant.SocModel model, ZoneId zone, List<Window> windows, Set<LocalDate> holidays) {

    /** The parties that can work an alert. */
    public enum Party {
        CLIENT, PROVIDER
    }

    /** A weekly window of client cover; {@code end} before {@code start} crosses midnight into the next day. */
    public record Window(DayOfWeek day, LocalTime start, LocalTime end) {
        boolean contains(DayOfWeek d, LocalTime t) {
            if (!end.isBefore(start)) {
                return d == day && !t.isBefore(start) && t.isBefore(end);
            }
            return (d == day && !t.isBefore(start)) || (d == day.plus(1) && t.isBefore(end));
        }
    }

    /** The answer: who covers, and why, with the local time it was decided on. */
    public record Answer(Set<Party> covers, String reason, ZonedDateTime local) {
    }

    public Answer at(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (model == Tenant.SocModel.MANAGED || model == Tenant.SocModel.VIRTUAL) {
            return new Answer(EnumSet.of(Party.PROVIDER), "the provider covers this tenant 24x7", local);
        }
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        boolean inWindow = windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), time)
                && !holidays.contains(windowStartDate(w, local)));
        if (holidays.contains(date) && !inWindow) {
            return new Answer(EnumSet.of(Party.PROVIDER), "holiday " + date + ": the provider covers", local);
        }
        if (!inWindow) {
            return new Answer(EnumSet.of(Party.PROVIDER), "outside the client team's hours: the provider covers", local);
        }
        return model == Tenant.SocModel.HYBRID
                ? new Answer(EnumSet.of(Party.CLIENT), "within the client team's hours", local)
                : new Answer(EnumSet.of(Party.CLIENT, Party.PROVIDER), "co-managed: both teams work the queue", local);
    }

    /** The date a window occurrence started on (the day before, for the after-midnight part). */
    private static LocalDate windowStartDate(Window w, ZonedDateTime local) {
        return local.getDayOfWeek() == w.day() ? local.toLocalDate() : local.toLocalDate().minusDays(1);
    }
}
