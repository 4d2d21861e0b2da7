package io.vigil.reporting.monthly.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.reporting.briefing.BusinessTerms;
import io.vigil.reporting.briefing.rest.IncidentSummary;
import io.vigil.reporting.casefacts.CaseFact;
import io.vigil.reporting.casefacts.repository.CaseFactRepository;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import io.vigil.reporting.metrics.service.MetricsService;
import io.vigil.reporting.monthly.MonthlyReport;
import io.vigil.reporting.monthly.mapping.ReportPdf;
import io.vigil.reporting.monthly.repository.MonthlyReportRepository;
import io.vigil.reporting.monthly.rest.MonthlyReportResponse;
import io.vigil.reporting.monthly.rest.MonthlyReportSummary;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import io.vigil.reporting.attack.rest.AttackResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Each tenant's monthly report: generated on the first day of the month in the tenant's zone for the month
 * just ended (an hourly pass catches up after a stop), or on demand; stored with its PDF, listed, downloaded
 * as generated. Its figures are {@link MetricsService}'s for the month, so the report and the API agree.
 */
@ApplicationScoped
public class MonthlyReports {

    private static final Logger LOG = Logger.getLogger(MonthlyReports.class);
    static final int INCIDENTS_SHOWN = 200;
    static final String INCIDENTS = "tenantId = ?1 and createdAt >= ?2 and createdAt < ?3 and (status in ?4"
            + " or (status = 'CLOSED' and classification = 'TRUE_POSITIVE'))";
    static final List<String> CONFIRMED = io.vigil.reporting.briefing.service.BriefingService.CONFIRMED;

    private final MonthlyReportRepository reports;
    private final MetricsService metrics;
    private final CaseFactRepository cases;
    private final TenantFactRepository tenants;
    private final CurrentTenant current;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final io.vigil.reporting.logsource.service.LogSources logSources;
    private final io.vigil.reporting.review.ReviewFacts reviews;
    private final io.vigil.reporting.attack.service.AttackMatrix attackMatrix;

    public MonthlyReports(MonthlyReportRepository reports, MetricsService metrics, CaseFactRepository cases,
            TenantFactRepository tenants, CurrentTenant current, ObjectMapper mapper, Clock clock,
            io.vigil.reporting.logsource.service.LogSources logSources, io.vigil.reporting.review.ReviewFacts reviews,
            io.vigil.reporting.attack.service.AttackMatrix attackMatrix) {
        this.attackMatrix = attackMatrix;
        this.logSources = logSources;
        this.reviews = reviews;
        this.reports = reports;
        this.metrics = metrics;
        this.cases = cases;
        this.tenants = tenants;
        this.current = current;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Generates (again) the tenant's report for the month, stores it and its PDF, replacing an older one. */
    @Transactional
    public MonthlyReportResponse generate(UUID tenantId, String month, String actor, MonthlyReport.Trigger trigger) {
        current.requireVisible(tenantId);
        TenantFact t = tenants.findById(tenantId);
        ZoneId zone = TenantFact.zoneOf(t);
        YearMonth m = month(month);
        Instant now = clock.instant();
        if (m.isAfter(YearMonth.from(now.atZone(zone)))) {
            throw new ProblemException.BadRequest(m + " has not begun in " + zone + ": a report covers a month begun or ended");
        }
        MetricsResponse figures = metrics.metrics(tenantId, m.toString(), null, null);
        Instant from = figures.period().from();
        Instant to = figures.period().to();
        long count = cases.count(INCIDENTS, tenantId, from, to, CONFIRMED);
        List<IncidentSummary> incidents = cases.find(INCIDENTS + " order by createdAt, caseId", tenantId, from, to,
                CONFIRMED).page(0, INCIDENTS_SHOWN).list().stream().map(MonthlyReports::summary).toList();
        var sources = logSources.of(tenantId, m.toString(), null, null);
        List<MonthlyReportResponse.Improvement> improving = improvements(tenantId, from, to, now, zone);
        List<String> headlines = headlines(figures, incidents, count, sources);
        long open = improving.stream().filter(i -> i.status().equals("OPEN")).count();
        long late = improving.stream().filter(MonthlyReportResponse.Improvement::overdue).count();
        var attack = attackMatrix.matrix(tenantId, m.toString(), null, null);
        List<String> stages = attack.tactics().stream().filter(c -> c.cases() > 0)
                .map(c -> c.name() + " (" + c.cases() + ")").toList();
        if (!stages.isEmpty()) {
            headlines.add("Attack stages seen (ATT&CK tactics, cases): " + String.join(", ", stages) + ".");
        }
        if (attack.coverage() != null) {
            headlines.add(coverage(attack.coverage()));
        }
        if (!improving.isEmpty()) {
            headlines.add("Improving: " + open + " follow-up" + (open == 1 ? "" : "s") + " of post-incident reviews open"
                    + " (" + late + " overdue), " + (improving.size() - open) + " done this month.");
        }
        MonthlyReportResponse report = new MonthlyReportResponse(tenantId, t == null ? null : t.name, m.toString(),
                zone.getId(), !now.isBefore(to), now, actor, trigger.name(), headlines, incidents, count, figures, sources,
                improving, attack);
        MonthlyReport row = reports.findById(new MonthlyReport.Key(tenantId, m.toString()));
        if (row == null) {
            row = new MonthlyReport();
            row.key = new MonthlyReport.Key(tenantId, m.toString());
        }
        row.generatedAt = now;
        row.generatedBy = actor;
        row.trigger = trigger;
        try {
            row.content = mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        row.pdf = ReportPdf.render(report);
        row.pdfBytes = row.pdf.length;
        if (!reports.isPersistent(row)) {
            reports.persist(row);
        }
        return report;
    }

    @Transactional
    public List<MonthlyReportSummary> list(UUID tenantId) {
        current.requireVisible(tenantId);
        String base = "/api/v1/reports/tenants/" + tenantId + "/monthly/";
        return reports.listed(tenantId).stream().map(r -> new MonthlyReportSummary(r.month(), r.generatedAt(),
                r.generatedBy(), r.trigger().name(), r.pdfBytes() == null ? 0 : r.pdfBytes(), base + r.month(),
                base + r.month() + ".pdf")).toList();
    }

    /** The stored report as generated (its JSON, byte for byte). */
    @Transactional
    public String json(UUID tenantId, String month) {
        return stored(tenantId, month).content;
    }

    @Transactional
    public byte[] pdf(UUID tenantId, String month) {
        return stored(tenantId, month).pdf;
    }

    private MonthlyReport stored(UUID tenantId, String month) {
        current.requireVisible(tenantId);
        MonthlyReport r = reports.findById(new MonthlyReport.Key(tenantId, month(month).toString()));
        if (r == null) {
            throw new ProblemException.NotFound("no report of " + month + " for tenant " + tenantId
                    + ": POST .../monthly/" + month + " generates it");
        }
        return r;
    }

    /** Hourly: each tenant whose month has turned (in its own zone) gets the month just ended, once. */
    @Scheduled(every = "${vigil.reporting.monthly.check-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        try {
            generateDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("monthly reports pass failed, tried again at the next pass: %s", e.getMessage());
        }
    }

    /** One pass: the reports due at {@code now} that do not exist yet; returns how many were made. */
    public int generateDue(Instant now) {
        current.set(TenantContext.system("monthly-reports"));
        List<TenantFact> all = QuarkusTransaction.requiringNew().call(() -> tenants.listAll());
        int made = 0;
        for (TenantFact t : all) {
            ZoneId zone = TenantFact.zoneOf(t);
            YearMonth ended = YearMonth.from(now.atZone(zone)).minusMonths(1);
            Instant endedAt = ended.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            if (t.firstSeenAt != null && !t.firstSeenAt.isBefore(endedAt)) {
                continue; // the tenant did not exist during that month
            }
            boolean exists = QuarkusTransaction.requiringNew().call(() ->
                    reports.findById(new MonthlyReport.Key(t.tenantId, ended.toString())) != null);
            if (exists) {
                continue;
            }
            try {
                generate(t.tenantId, ended.toString(), "schedule", MonthlyReport.Trigger.SCHEDULED);
                made++;
            } catch (RuntimeException e) {
                LOG.warnf("monthly report %s of tenant %s failed: %s", ended, t.tenantId, e.getMessage());
            }
        }
        return made;
    }

    /**
     * The reviews' follow-ups still open, overdue when due before the month's last day (or today, in a month not
     * over), and those done within the month; dropped ones are left out.
     */
    private List<MonthlyReportResponse.Improvement> improvements(UUID tenantId, Instant from, Instant to, Instant now,
            ZoneId zone) {
        java.time.LocalDate asOf = (now.isBefore(to) ? now : to.minusNanos(1)).atZone(zone).toLocalDate();
        List<MonthlyReportResponse.Improvement> out = new ArrayList<>();
        try {
            for (var f : reviews.followUps(tenantId)) {
                var i = f.item();
                boolean doneInMonth = "DONE".equals(i.status()) && i.doneAt() != null && !i.doneAt().isBefore(from)
                        && i.doneAt().isBefore(to);
                if ("OPEN".equals(i.status()) || doneInMonth) {
                    out.add(new MonthlyReportResponse.Improvement(f.caseNumber(), i.kind(), i.title(), i.owner(), i.dueDate(),
                            i.status(), "OPEN".equals(i.status()) && i.dueDate().isBefore(asOf), i.doneAt()));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored review cannot be read", e);
        }
        return out;
    }

    /** The coverage in a sentence: what the rules watch with the client's events, and what they wait for. */
    static String coverage(AttackResponse.Coverage c) {
        int waiting = c.needs().stream().mapToInt(AttackResponse.Need::rules).sum();
        String text = "Coverage: detection rules watch " + c.coveredTechniques() + " of " + c.techniques()
                + " ATT&CK techniques with the events you send (" + c.reachableRules() + " of " + c.enabledRules()
                + " rules can fire)";
        if (waiting == 0) {
            return text + ".";
        }
        return text + "; " + waiting + " rule" + (waiting == 1 ? " waits" : "s wait") + " for events you do not send ("
                + String.join(", ", c.needs().stream().limit(3).map(AttackResponse.Need::logsource)
                        .toList()) + (c.needs().size() > 3 ? ", ..." : "") + ").";
    }

    static List<String> headlines(MetricsResponse f, List<IncidentSummary> incidents, long count,
            io.vigil.reporting.logsource.rest.LogSourcesResponse sources) {
        List<String> out = new ArrayList<>();
        if (count == 0) {
            out.add("No confirmed incident this month.");
        } else {
            long critical = incidents.stream().filter(i -> "CRITICAL".equals(i.severity())).count();
            long high = incidents.stream().filter(i -> "HIGH".equals(i.severity())).count();
            long contained = incidents.stream().filter(i -> i.containedAt() != null).count();
            long resolved = incidents.stream().filter(i -> i.resolvedAt() != null || i.closed()).count();
            out.add(count + " confirmed incident" + (count == 1 ? "" : "s") + " (" + critical + " critical, " + high
                    + " high): " + contained + " contained, " + resolved + " resolved or closed.");
        }
        long met = 0;
        long breached = 0;
        long paused = 0;
        long regulatoryLate = 0;
        long regulatoryOnTime = 0;
        for (MetricsResponse.ClockCompliance c : f.clocks()) {
            if ("SLA".equals(c.family())) {
                met += c.met();
                breached += c.breached();
                paused += c.pausedMinutes();
            } else {
                regulatoryOnTime += c.met();
                regulatoryLate += c.breached();
            }
        }
        if (met + breached == 0) {
            out.add("No SLA promise came due this month.");
        } else {
            out.add(String.format(Locale.ROOT, "SLA: %.1f%% of promises kept (%d of %d), %d breached%s.",
                    100.0 * met / (met + breached), met, met + breached, breached,
                    paused == 0 ? "" : "; " + paused + " minutes waiting on you were not counted"));
        }
        if (regulatoryOnTime + regulatoryLate > 0) {
            out.add("Regulatory notifications: " + regulatoryOnTime + " on time, " + regulatoryLate + " late or overdue.");
        }
        MetricsResponse.Volumes v = f.volumes();
        out.add("Cases: " + v.cases() + " (" + v.previousCases() + " in " + v.previousPeriod().label() + "); alerts: "
                + v.alerts() + " (" + v.previousAlerts() + ").");
        if (sources.sources() > 0) {
            long silences = sources.items().stream().mapToLong(io.vigil.reporting.logsource.rest.LogSourcesResponse.Source::silences).sum();
            long minutes = sources.items().stream().mapToLong(io.vigil.reporting.logsource.rest.LogSourcesResponse.Source::silentMinutes).sum();
            List<String> silent = sources.items().stream().filter(s -> "SILENT".equals(s.health()))
                    .map(s -> "\"" + s.name() + "\"").toList();
            out.add("Log sources: " + sources.sources() + " declared, " + (silent.isEmpty() ? "none silent now"
                    : silent.size() + " silent now (" + String.join(", ", silent) + ")") + "; " + silences + " silence"
                    + (silences == 1 ? "" : "s") + " this month, " + minutes + " minutes in all; "
                    + String.format(java.util.Locale.ROOT, "%,d", sources.events()) + " events received ("
                    + String.format(java.util.Locale.ROOT, "%,d", sources.previousPeriodEvents()) + " in "
                    + sources.previousPeriod().label() + ").");
        }
        f.rules().stream().filter(r -> r.closed() >= 3 && r.falsePositiveRate() != null && r.falsePositiveRate() >= 0.5)
                .findFirst().ifPresent(r -> out.add("Being tuned: \"" + (r.title() == null ? r.ruleId() : r.title()) + "\", "
                        + r.falsePositives() + " of its " + r.closed() + " closed cases were false positives."));
        return out;
    }

    private static IncidentSummary summary(CaseFact c) {
        return new IncidentSummary(c.caseId, c.number, c.title, c.severity, c.priorityLabel, c.status,
                BusinessTerms.status(c.status), c.createdAt, c.containedAt, c.resolvedAt, c.status.equals("CLOSED"));
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ProblemException.BadRequest("month must be YYYY-MM, got '" + month + "'");
        }
    }
}
