package io.vigil.cases.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counted time in a tenant's calendar: weekends, holidays, windows across midnight, daylight-saving changes. */
class BusinessHoursTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Instant paris(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), PARIS).toInstant();
    }

    @Test
    void anHourFromFridayAfternoonLandsAfterTheWeekendAndTheHolidays() {
        // Armistice day (Wednesday 11 November) is a French holiday; the tenant also closes Monday 9 November.
        BusinessHours h = BusinessHours.of(PARIS, List.of(), Set.of(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-11")));
        Instant friday = paris("2026-11-06T16:30");
        assertEquals(paris("2026-11-10T09:30"), h.plus(friday, Duration.ofMinutes(60)),
                "30 minutes on Friday, nothing on the weekend or the holiday, 30 on Tuesday");
        assertEquals(paris("2026-11-12T10:00"), h.plus(friday, Duration.ofMinutes(30 + 480 + 60)),
                "Wednesday the 11th is skipped too");
        assertEquals(Duration.ofMinutes(60), h.between(friday, paris("2026-11-10T09:30")));
        assertEquals(Duration.ZERO, h.between(paris("2026-11-07T10:00"), paris("2026-11-09T16:00")),
                "a weekend and a holiday count nothing");
        assertFalse(h.counts(paris("2026-11-11T10:00")));
        assertTrue(h.counts(paris("2026-11-10T10:00")));
    }

    @Test
    void aNightWindowCrossesMidnightAndBelongsToTheDayItStarts() {
        List<BusinessHours.Window> nights = List.of(new BusinessHours.Window(DayOfWeek.FRIDAY, LocalTime.of(22, 0),
                LocalTime.of(6, 0)));
        BusinessHours h = BusinessHours.of(PARIS, nights, Set.of());
        assertEquals(paris("2026-11-07T02:00"), h.plus(paris("2026-11-06T12:00"), Duration.ofHours(4)));
        assertEquals(Duration.ofHours(8), h.between(paris("2026-11-06T00:00"), paris("2026-11-08T00:00")));
        BusinessHours holiday = BusinessHours.of(PARIS, nights, Set.of(LocalDate.parse("2026-11-06")));
        assertTrue(holiday.between(paris("2026-11-06T00:00"), paris("2026-11-08T00:00")).isZero(),
                "a night that starts on a holiday does not count, even after midnight");
    }

    @Test
    void windowsKeepTheirWallClockTimesAcrossADaylightSavingChange() {
        BusinessHours h = BusinessHours.of(PARIS, List.of(), Set.of());
        // Clocks went back on Sunday 25 October 2026: Monday 09:00 is 08:00 UTC, Friday before was 07:00 UTC.
        assertEquals(Instant.parse("2026-10-26T08:30:00Z"), h.plus(paris("2026-10-23T16:30"), Duration.ofMinutes(60)));
    }

    @Test
    void aTwentyFourSevenClockCountsEverything() {
        BusinessHours h = BusinessHours.always(PARIS);
        Instant t = paris("2026-11-07T03:00");
        assertEquals(t.plus(Duration.ofHours(72)), h.plus(t, Duration.ofHours(72)));
        assertEquals(Duration.ofHours(5), h.between(t, t.plus(Duration.ofHours(5))));
    }

    @Test
    void plusAndBetweenAgreeOverAMonthOfStarts() {
        BusinessHours h = BusinessHours.of(PARIS, List.of(new BusinessHours.Window(DayOfWeek.MONDAY, LocalTime.of(8, 0),
                LocalTime.of(12, 0)), new BusinessHours.Window(DayOfWeek.THURSDAY, LocalTime.of(20, 0), LocalTime.of(2, 0))),
                Set.of(LocalDate.parse("2026-11-23")));
        for (Instant start = paris("2026-11-01T00:17"); start.isBefore(paris("2026-12-01T00:00")); start = start.plus(Duration.ofMinutes(413))) {
            for (long minutes : new long[] {1, 59, 241, 1000}) {
                Instant due = h.plus(start, Duration.ofMinutes(minutes));
                assertEquals(Duration.ofMinutes(minutes), h.between(start, due), "from " + start + " plus " + minutes);
            }
        }
    }
}
