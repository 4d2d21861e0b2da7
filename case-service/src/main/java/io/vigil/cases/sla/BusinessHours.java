package io.vigil.cases.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A tenant's counted time: its weekly windows (wall-clock times in its zone; an end before the start crosses
 * midnight) minus its holidays (a window that starts on a holiday does not count), or every instant for a
 * 24x7 clock. Answers "when is N minutes of counted time after this instant" and "how much counted time lies
 * between two instants", the two questions an SLA clock asks.
 */
public final class BusinessHours {

    /** Monday to Friday, 09:00 to 17:00: the business hours of a tenant that declared no coverage windows. */
    public static final List<Window> OFFICE = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream()
            .map(d -> new Window(d, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList();

    /** The furthest a calculation looks ahead: beyond it a clock is answered as never due. */
    private static final int HORIZON_DAYS = 3 * 366;

    /** A weekly window. */
    public record Window(DayOfWeek day, LocalTime start, LocalTime end) {
    }

    private final ZoneId zone;
    private final List<Window> windows;
    private final Set<LocalDate> holidays;
    private final boolean always;

    private BusinessHours(ZoneId zone, List<Window> windows, Set<LocalDate> holidays, boolean always) {
        this.zone = zone;
        this.windows = windows.isEmpty() ? OFFICE : List.copyOf(windows);
        this.holidays = Set.copyOf(holidays);
        this.always = always;
    }

    /** Every instant counts (24x7). */
    public static BusinessHours always(ZoneId zone) {
        return new BusinessHours(zone, List.of(), Set.of(), true);
    }

    /** Only the windows count, holidays excepted; no windows means {@link #OFFICE}. */
    public static BusinessHours of(ZoneId zone, List<Window> windows, Set<LocalDate> holidays) {
        return new BusinessHours(zone, windows, holidays, false);
    }

    public boolean isAlways() {
        return always;
    }

    /** The instant at which {@code counted} of counted time has passed after {@code from}; null past the horizon. */
    public Instant plus(Instant from, Duration counted) {
        if (always) {
            return from.plus(counted);
        }
        Duration left = counted;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); // a window of yesterday may still be open
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] open : openings(day)) {
                Instant start = open[0].isBefore(from) ? from : open[0];
                if (!start.isBefore(open[1])) {
                    continue;
                }
                Duration here = Duration.between(start, open[1]);
                if (here.compareTo(left) >= 0) {
                    return start.plus(left);
                }
                left = left.minus(here);
            }
        }
        return null;
    }

    /** Counted time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration sum = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] open : openings(day)) {
                Instant start = open[0].isBefore(from) ? from : open[0];
                Instant end = open[1].isAfter(to) ? to : open[1];
                if (end.isAfter(start)) {
                    sum = sum.plus(Duration.between(start, end));
                }
            }
        }
        return sum;
    }

    /** Whether the instant is counted time. */
    public boolean counts(Instant at) {
        return always || between(at, at.plusSeconds(1)).equals(Duration.ofSeconds(1));
    }

    /** The windows that start on {@code day}, as instants, in order; none on a holiday. */
    private List<Instant[]> openings(LocalDate day) {
        List<Instant[]> out = new ArrayList<>();
        if (holidays.contains(day)) {
            return out;
        }
        for (Window w : windows) {
            if (w.day() != day.getDayOfWeek()) {
                continue;
            }
            ZonedDateTime start = ZonedDateTime.of(day, w.start(), zone);
            ZonedDateTime end = ZonedDateTime.of(w.end().isAfter(w.start()) ? day : day.plusDays(1), w.end(), zone);
            out.add(new Instant[] {start.toInstant(), end.toInstant()});
        }
        out.sort(Comparator.comparing(a -> a[0]));
        return out;
    }
}
