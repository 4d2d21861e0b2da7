package io.vigil.reporting.workload.service;

import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.metrics.Period;
import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import io.vigil.reporting.workload.repository.WorkloadStatements;
import io.vigil.reporting.workload.rest.WorkloadResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The provider's view of its own load, over the tenants the caller serves. */
@ApplicationScoped
public class WorkloadService {

    /** A shift of the provider's day: hours [from, to) on its clock. */
    record ShiftHours(String name, int from, int to) {
        boolean holds(int hour) {
            return from < to ? hour >= from && hour < to : hour >= from || hour < to % 24;
        }
    }

    private final WorkloadStatements statements;
    private final CurrentTenant current;
    private final Clock clock;
    private final ZoneId zone;
    private final List<ShiftHours> shifts;

    public WorkloadService(WorkloadStatements statements, CurrentTenant current, Clock clock,
            @ConfigProperty(name = "vigil.reporting.provider-zone", defaultValue = "UTC") ZoneId zone,
            @ConfigProperty(name = "vigil.reporting.shifts", defaultValue = "night@0-8,day@8-16,evening@16-24")
            List<String> shifts) {
        this.statements = statements;
        this.current = current;
        this.clock = clock;
        this.zone = zone;
        this.shifts = parse(shifts);
    }

    @Transactional
    public WorkloadResponse workload(String month, String from, String to) {
        Period p = Period.of(month, from, to, zone, clock.instant());
        String scope = current.settingFor(null);
        List<WorkloadStatements.HourRow> hours = statements.hours(scope, p.from(), p.to(), zone.getId());
        List<WorkloadResponse.Shift> byShift = shifts.stream().map(s -> new WorkloadResponse.Shift(s.name(),
                String.format("%02d:00-%02d:00", s.from(), s.to()), zone.getId(),
                hours.stream().filter(h -> s.holds(h.hour())).mapToLong(WorkloadStatements.HourRow::cases).sum(),
                hours.stream().filter(h -> s.holds(h.hour())).mapToLong(WorkloadStatements.HourRow::critical).sum()))
                .toList();
        List<WorkloadResponse.Client> clients = new ArrayList<>(statements.clients(scope, p.from(), p.to()).stream()
                .map(c -> new WorkloadResponse.Client(c.tenantId(), c.name(), c.socModel(), c.timeZone(), c.cases(),
                        c.nights(), c.weekends(), c.cases() == 0 ? null
                                : Math.round(10_000.0 * (c.nights() + c.weekends()) / c.cases()) / 10_000.0))
                .toList());
        clients.sort(Comparator.comparingLong((WorkloadResponse.Client c) -> c.nights() + c.weekends()).reversed()
                .thenComparing(WorkloadResponse.Client::name));
        return new WorkloadResponse(PeriodResponse.of(p),
                statements.analysts(scope, p.from(), p.to()).stream().map(a -> new WorkloadResponse.Analyst(a.assignee(),
                        a.cases(), a.open(), a.closed(), a.critical(), a.tier1(), a.tier2(), a.tier3())).toList(),
                statements.tiers(scope, p.from(), p.to()).stream().map(t -> new WorkloadResponse.Tier(t.tier(), t.cases(),
                        t.open(), t.critical())).toList(),
                byShift, clients);
    }

    /** {@code name@from-to}, hours 0 to 24; a shift may run past midnight ({@code night@22-6}). */
    static List<ShiftHours> parse(List<String> specs) {
        List<ShiftHours> out = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            int at = s.indexOf('@');
            int dash = s.indexOf('-', at + 1);
            if (at <= 0 || dash < 0) {
                throw new IllegalArgumentException("vigil.reporting.shifts: '" + s + "' is not name@from-to (hours)");
            }
            int f = Integer.parseInt(s.substring(at + 1, dash).strip());
            int t = Integer.parseInt(s.substring(dash + 1).strip());
            if (f < 0 || f > 23 || t < 1 || t > 24 || f == t) {
                throw new IllegalArgumentException("vigil.reporting.shifts: '" + s + "' needs hours 0-23 and 1-24, apart");
            }
            out.add(new ShiftHours(s.substring(0, at).strip(), f, t));
        }
        return out;
    }
}
