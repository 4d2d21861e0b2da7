package io.vigil.tenant.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.tenant.coverage.Coverage.Party;
import io.vigil.tenant.tenant.Tenant;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who covers a tenant when: hybrid teams in non-UTC zones across daylight-saving changes and holidays. */
class CoverageTest {

    static List<Coverage.Window> officeHours() {
        List<Coverage.Window> w = new ArrayList<>();
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            w.add(new Coverage.Window(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        }
        return w;
    }

    static Set<Party> who(Coverage c, String instant) {
        return c.at(Instant.parse(instant)).covers();
    }

    @Test
    void hybridParisTeamKeepsItsWallClockHoursAcrossTheSpringDstChange() {
        // Europe/Paris moves from UTC+1 to UTC+2 on Sunday 2026-03-29.
        Coverage paris = new Coverage(Tenant.SocModel.HYBRID, ZoneId.of("Europe/Paris"), officeHours(), Set.of());
        assertEquals(Set.of(Party.PROVIDER), who(paris, "2026-03-27T06:59:00Z"), "Fri 07:59 CET");
        assertEquals(Set.of(Party.CLIENT), who(paris, "2026-03-27T07:00:00Z"), "Fri 08:00 CET");
        assertEquals(Set.of(Party.CLIENT), who(paris, "2026-03-27T16:59:00Z"), "Fri 17:59 CET");
        assertEquals(Set.of(Party.PROVIDER), who(paris, "2026-03-27T17:00:00Z"), "Fri 18:00 CET");
        assertEquals(Set.of(Party.PROVIDER), who(paris, "2026-03-28T10:00:00Z"), "Saturday");
        assertEquals(Set.of(Party.PROVIDER), who(paris, "2026-03-30T05:59:00Z"), "Mon 07:59 CEST");
        assertEquals(Set.of(Party.CLIENT), who(paris, "2026-03-30T06:00:00Z"), "Mon 08:00 CEST: an hour earlier in UTC");
        assertEquals(Set.of(Party.PROVIDER), who(paris, "2026-03-30T16:00:00Z"), "Mon 18:00 CEST");
    }

    @Test
    void hybridNewYorkTeamAcrossTheAutumnDstChangeAndAHoliday() {
        // America/New_York moves from UTC-4 to UTC-5 on Sunday 2026-11-01; Thanksgiving is 2026-11-26.
        Coverage ny = new Coverage(Tenant.SocModel.HYBRID, ZoneId.of("America/New_York"), officeHours(),
                Set.of(LocalDate.of(2026, 11, 26)));
        assertEquals(Set.of(Party.CLIENT), who(ny, "2026-10-30T12:00:00Z"), "Fri 08:00 EDT");
        assertEquals(Set.of(Party.PROVIDER), who(ny, "2026-11-02T12:00:00Z"), "Mon 07:00 EST");
        assertEquals(Set.of(Party.CLIENT), who(ny, "2026-11-02T13:00:00Z"), "Mon 08:00 EST");
        assertEquals(Set.of(Party.PROVIDER), who(ny, "2026-11-26T15:00:00Z"), "Thanksgiving 10:00 EST");
        assertEquals(Set.of(Party.CLIENT), who(ny, "2026-11-27T15:00:00Z"), "the day after");
        assertEquals("holiday 2026-11-26: the provider covers", ny.at(Instant.parse("2026-11-26T15:00:00Z")).reason());
    }

    @Test
    void windowsCrossingMidnightAndTheOtherSocModels() {
        Coverage nights = new Coverage(Tenant.SocModel.HYBRID, ZoneId.of("Asia/Tokyo"),
                List.of(new Coverage.Window(DayOfWeek.MONDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))), Set.of());
        assertEquals(Set.of(Party.CLIENT), who(nights, "2026-11-23T13:30:00Z"), "Mon 22:30 JST");
        assertEquals(Set.of(Party.CLIENT), who(nights, "2026-11-23T20:59:00Z"), "Tue 05:59 JST");
        assertEquals(Set.of(Party.PROVIDER), who(nights, "2026-11-23T21:00:00Z"), "Tue 06:00 JST");
        Coverage managed = new Coverage(Tenant.SocModel.MANAGED, ZoneId.of("Europe/Paris"), officeHours(), Set.of());
        assertEquals(Set.of(Party.PROVIDER), who(managed, "2026-03-27T10:00:00Z"));
        Coverage co = new Coverage(Tenant.SocModel.CO_MANAGED, ZoneId.of("Europe/Paris"), officeHours(), Set.of());
        assertEquals(Set.of(Party.CLIENT, Party.PROVIDER), who(co, "2026-03-27T10:00:00Z"));
        assertEquals(Set.of(Party.PROVIDER), who(co, "2026-03-28T10:00:00Z"));
    }
}
