package io.vigil.reporting.metrics;

import io.vigil.platform.errors.ProblemException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The cases a report covers: those opened in {@code [from, to)}. A month is read in the tenant's time zone, as
 * its CIO reads the calendar; without one the period is the current month so far.
 */
public record Period(Instant from, Instant to, ZoneId zone, String label) {

    /** Longest period one request may cover: a year and a day (a leap year's report, plus slack). */
    static final Duration LONGEST = Duration.ofDays(367);

    public static Period of(String month, String from, String to, ZoneId zone, Instant now) {
        if (month != null && (from != null || to != null)) {
            throw new ProblemException.BadRequest("give either month or from and to, not both");
        }
        if (month != null) {
            YearMonth m;
            try {
                m = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                throw new ProblemException.BadRequest("month must be YYYY-MM, got '" + month + "'");
            }
            return new Period(m.atDay(1).atStartOfDay(zone).toInstant(), m.plusMonths(1).atDay(1).atStartOfDay(zone)
                    .toInstant(), zone, m.toString());
        }
        if (from == null && to == null) {
            YearMonth m = YearMonth.from(now.atZone(zone));
            return new Period(m.atDay(1).atStartOfDay(zone).toInstant(), now, zone, m + " (so far)");
        }
        if (from == null || to == null) {
            throw new ProblemException.BadRequest("from and to go together (ISO-8601 instants, to excluded)");
        }
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (!t.isAfter(f)) {
            throw new ProblemException.BadRequest("to must be after from");
        }
        if (Duration.between(f, t).compareTo(LONGEST) > 0) {
            throw new ProblemException.BadRequest("a period covers at most " + LONGEST.toDays() + " days");
        }
        return new Period(f, t, zone, f + "/" + t);
    }

    /**
     * The period just before this one, for month over month: the whole previous month for a month, the same
     * share of the previous month for a month so far, the same length before {@code from} otherwise.
     */
    public Period previous() {
        if (label.matches("\\d{4}-\\d{2}.*")) {
            YearMonth m = YearMonth.parse(label.substring(0, 7)).minusMonths(1);
            Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
            Instant end = label.length() == 7 ? from : start.plus(Duration.between(from, to));
            return new Period(start, end.isAfter(from) ? from : end, zone, m.toString());
        }
        Duration d = Duration.between(from, to);
        return new Period(from.minus(d), from, zone, from.minus(d) + "/" + from);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new ProblemException.BadRequest(name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '"
                    + value + "'");
        }
    }
}
