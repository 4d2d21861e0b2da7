package io.vigil.reporting.metrics.service;

import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.metrics.Period;
import io.vigil.reporting.metrics.mapping.MetricsCsv;
import io.vigil.reporting.metrics.repository.MetricStatements;
import io.vigil.reporting.metrics.repository.MetricStatements.BreachRow;
import io.vigil.reporting.metrics.repository.MetricStatements.ResponseRow;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import io.vigil.reporting.metrics.rest.MetricsResponse.Breach;
import io.vigil.reporting.metrics.rest.MetricsResponse.ClockCompliance;
import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import io.vigil.reporting.metrics.rest.MetricsResponse.ResponseTime;
import io.vigil.reporting.metrics.rest.MetricsResponse.RuleTuning;
import io.vigil.reporting.metrics.rest.TenantSlaResponse;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's response times, SLA compliance, volumes and tuning list, and the provider's overview. */
@ApplicationScoped
public class MetricsService {

    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
    static final int BREACHES_SHOWN = 100;
    static final int RULES_SHOWN = 20;

    private final MetricStatements statements;
    private final TenantFactRepository tenants;
    private final CurrentTenant current;
    private final Clock clock;

    public MetricsService(MetricStatements statements, TenantFactRepository tenants, CurrentTenant current, Clock clock) {
        this.statements = statements;
        this.tenants = tenants;
        this.current = current;
        this.clock = clock;
    }

    /** One CSV table of the tenant's figures, and the period it covers (for the file's name). */
    public record Export(String label, String csv) {
    }

    @Transactional
    public MetricsResponse metrics(UUID tenantId, String month, String from, String to) {
        TenantFact t = visible(tenantId);
        Period p = Period.of(month, from, to, TenantFact.zoneOf(t), clock.instant());
        Period before = p.previous();
        MetricStatements.Volumes now = statements.volumes(tenantId, p.from(), p.to());
        MetricStatements.Volumes then = statements.volumes(tenantId, before.from(), before.to());
        MetricsResponse.Volumes volumes = new MetricsResponse.Volumes(now.cases(), now.alerts(), now.reopened(),
                now.bySeverity(), now.byPriority(), now.byClassification(), now.byStatus(), period(before),
                then.cases(), then.alerts());
        MetricStatements.Clocks clocks = statements.clocks(tenantId, p.from(), p.to());
        List<ClockCompliance> compliance = compliance(clocks);
        return new MetricsResponse(tenantId, t == null ? null : t.name, period(p), responseTimes(tenantId, p, clocks),
                compliance, breaches(tenantId, p, BREACHES_SHOWN), compliance.stream().mapToLong(ClockCompliance::breached)
                        .sum(), volumes, rules(tenantId, p));
    }

    /** {@code table}: response-times, clocks, breaches (all of them) or rules. */
    @Transactional
    public Export export(UUID tenantId, String table, String month, String from, String to) {
        Period p = Period.of(month, from, to, TenantFact.zoneOf(visible(tenantId)), clock.instant());
        String csv = switch (table) {
            case "response-times" -> MetricsCsv.responseTimes(responseTimes(tenantId, p,
                    statements.clocks(tenantId, p.from(), p.to())));
            case "clocks" -> MetricsCsv.clocks(compliance(statements.clocks(tenantId, p.from(), p.to())));
            case "breaches" -> MetricsCsv.breaches(breaches(tenantId, p, Integer.MAX_VALUE));
            case "rules" -> MetricsCsv.rules(rules(tenantId, p));
            default -> throw new ProblemException.NotFound("no table " + table);
        };
        return new Export(p.label(), csv);
    }

    /** The tenant's facts (null until its first message arrives); 404 when it is not the caller's. */
    /** The last {@code months} months of the tenant's zone, this one included, oldest first, empty months too. */
    @Transactional
    public List<MetricStatements.MonthRow> trend(UUID tenantId, int months) {
        TenantFact t = visible(tenantId);
        ZoneId zone = TenantFact.zoneOf(t);
        java.time.YearMonth last = java.time.YearMonth.from(clock.instant().atZone(zone));
        java.time.YearMonth first = last.minusMonths(months - 1L);
        Map<String, MetricStatements.MonthRow> rows = new java.util.HashMap<>();
        statements.months(tenantId, first.atDay(1).atStartOfDay(zone).toInstant(),
                last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), zone).forEach(r -> rows.put(r.month(), r));
        List<MetricStatements.MonthRow> out = new ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(rows.getOrDefault(m.toString(), new MetricStatements.MonthRow(m.toString(), 0, 0, 0)));
        }
        return out;
    }

    private TenantFact visible(UUID tenantId) {
        current.requireVisible(tenantId);
        return tenants.findById(tenantId);
    }

    private List<ResponseTime> responseTimes(UUID tenantId, Period p, MetricStatements.Clocks clocks) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        clocks.targets().forEach(r -> targets.put(r.severity() + "|" + r.kind(), r.targetMinutes()));
        List<ResponseRow> rows = new ArrayList<>(statements.responseTimes(tenantId, p.from(), p.to()));
        rows.sort(Comparator.comparingInt(r -> r.severity() == null ? -1 : SEVERITIES.indexOf(r.severity())));
        List<ResponseTime> out = new ArrayList<>();
        for (ResponseRow r : rows) {
            String sev = r.severity() == null ? "ALL" : r.severity();
            out.add(new ResponseTime("MTTD", sev, r.cases(), r.detected(), minutes(r.mttdMedian()), minutes(r.mttdP90()), null));
            out.add(new ResponseTime("MTTA", sev, r.cases(), r.acknowledged(), minutes(r.mttaMedian()),
                    minutes(r.mttaP90()), targets.get(sev + "|ACKNOWLEDGE")));
            out.add(new ResponseTime("MTTC", sev, r.cases(), r.contained(), minutes(r.mttcMedian()),
                    minutes(r.mttcP90()), targets.get(sev + "|CONTAIN")));
            out.add(new ResponseTime("MTTR", sev, r.cases(), r.resolved(), minutes(r.mttrMedian()),
                    minutes(r.mttrP90()), targets.get(sev + "|RESOLVE")));
        }
        return out;
    }

    private static List<ClockCompliance> compliance(MetricStatements.Clocks clocks) {
        return clocks.kinds().stream().map(r -> new ClockCompliance(r.family(), r.kind(),
                r.regime(), r.met(), r.breached(), r.keptLate(), r.breached() - r.keptLate(), r.running(),
                r.met() + r.breached() == 0 ? null : round4((double) r.met() / (r.met() + r.breached())),
                r.pausedMinutes())).toList();
    }

    private List<Breach> breaches(UUID tenantId, Period p, int limit) {
        Instant now = clock.instant();
        return statements.breaches(tenantId, p.from(), p.to(), limit).stream()
                .map(r -> new Breach(r.caseId(), r.caseNumber(), r.caseTitle(), r.severity(), r.family(), r.kind(),
                        r.regime(), r.targetMinutes(), r.dueAt(), r.stoppedAt(), r.pausedMinutes(), cause(r, now)))
                .toList();
    }

    private List<RuleTuning> rules(UUID tenantId, Period p) {
        return statements.rules(tenantId, p.from(), p.to(), RULES_SHOWN).stream().map(r -> new RuleTuning(r.ruleId(),
                r.title(), r.closed(), r.falsePositives(), r.benignPositives(), r.truePositives(),
                round4((double) r.falsePositives() / r.closed()))).toList();
    }

    /** Every tenant the caller serves, worst SLA compliance first; a month here is a UTC month. */
    @Transactional
    public List<TenantSlaResponse> overview(String month, String from, String to) {
        Period p = Period.of(month, from, to, ZoneOffset.UTC, clock.instant());
        String scope = current.settingFor(null);
        return statements.tenants(scope, p.from(), p.to()).stream()
                .map(r -> new TenantSlaResponse(r.tenantId(), r.name(), r.socModel(), r.cases(), r.open(),
                        r.openCritical(), r.met(), r.breached(),
                        r.met() + r.breached() == 0 ? null : round4((double) r.met() / (r.met() + r.breached()))))
                .sorted(Comparator.comparing((TenantSlaResponse r) -> r.slaCompliance() == null ? 2.0 : r.slaCompliance())
                        .thenComparing(Comparator.comparingLong(TenantSlaResponse::slaBreached).reversed())
                        .thenComparing(Comparator.comparingLong(TenantSlaResponse::openCritical).reversed())
                        .thenComparing(r -> r.name() == null ? "" : r.name()))
                .toList();
    }

    /** Why a clock breached, in words a CIO reads: how late it was kept, or since when it is overdue. */
    static String cause(BreachRow r, Instant now) {
        String what = label(r.kind());
        String target = r.targetMinutes() + (r.counting().equals("BUSINESS_HOURS") ? "-business-minute" : "-minute")
                + " target";
        String paused = r.pausedMinutes() > 0 ? "; " + r.pausedMinutes()
                + " minutes waiting on the customer were not counted" : "";
        if (r.stoppedAt() != null) {
            long late = Math.max(0, r.countedMinutes() - r.targetMinutes());
            return what + " came " + late + " minutes after its " + target + paused;
        }
        String since = r.dueAt() == null ? "" : " since " + r.dueAt() + " ("
                + Duration.between(r.dueAt(), now).toMinutes() + " minutes)";
        return what + " not done: overdue" + since + ", " + target + paused;
    }

    /** A clock kind as a noun: Acknowledgement, Containment, NIS2 early warning, GDPR notification. */
    static String label(String kind) {
        return switch (kind) {
            case "ACKNOWLEDGE" -> "Acknowledgement";
            case "TRIAGE" -> "Triage";
            case "CONTAIN" -> "Containment";
            case "RESOLVE" -> "Resolution";
            case "NOTIFY" -> "Client notification";
            default -> {
                int bar = kind.indexOf('_');
                yield bar < 0 ? kind : kind.substring(0, bar) + " "
                        + kind.substring(bar + 1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            }
        };
    }

    private static PeriodResponse period(Period p) {
        return PeriodResponse.of(p);
    }

    /** Seconds to minutes, to a tenth. */
    static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
