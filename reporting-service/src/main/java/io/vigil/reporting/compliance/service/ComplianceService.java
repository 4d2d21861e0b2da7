package io.vigil.reporting.compliance.service;

import io.vigil.reporting.briefing.service.BriefingService;
import io.vigil.reporting.casefacts.CaseFact;
import io.vigil.reporting.casefacts.repository.CaseFactRepository;
import io.vigil.reporting.compliance.rest.ComplianceResponse;
import io.vigil.reporting.compliance.rest.ComplianceResponse.Evidence;
import io.vigil.reporting.compliance.rest.ComplianceResponse.Gap;
import io.vigil.reporting.compliance.rest.ComplianceResponse.Item;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import io.vigil.reporting.metrics.service.MetricsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The period's incident handling as NIST CSF 2.0 outcomes (detect, respond, recover) and ISO/IEC 27001:2022
 * Annex A 5.24-5.28 controls. Every figure is the metrics API's or a count over the same cases (those opened
 * in the period), so the views and the metrics agree; a gap names the cases it concerns.
 */
@ApplicationScoped
public class ComplianceService {

    static final int CASES_NAMED = 50;

    private final MetricsService metrics;
    private final CaseFactRepository cases;

    public ComplianceService(MetricsService metrics, CaseFactRepository cases) {
        this.metrics = metrics;
        this.cases = cases;
    }

    @Transactional
    public ComplianceResponse compliance(UUID tenantId, String month, String from, String to) {
        MetricsResponse m = metrics.metrics(tenantId, month, from, to); // the tenant wall and the period
        List<CaseFact> period = cases.find("tenantId = ?1 and createdAt >= ?2 and createdAt < ?3 order by number",
                tenantId, m.period().from(), m.period().to()).list();
        Facts f = new Facts(m, period);
        List<Item> csf = List.of(
                item("DE.CM", "Continuous monitoring", f.cases() > 0,
                        List.of(ev("alerts", m.volumes().alerts()), ev("cases opened", f.cases()),
                                ev("MTTD median (min)", f.median("MTTD"))), List.of()),
                item("DE.AE", "Adverse event analysis", f.cases() > 0,
                        List.of(ev("cases acknowledged", f.count(c -> c.acknowledgedAt != null) + " of " + f.cases()),
                                ev("MTTA median (min)", f.median("MTTA")), ev("MTTA p90 (min)", f.p90("MTTA"))),
                        gaps(gap("cases not yet acknowledged", f.numbers(c -> c.acknowledgedAt == null && f.open(c))))),
                item("RS.MA", "Incident management", f.cases() > 0,
                        List.of(ev("confirmed incidents", f.incidents().size()),
                                ev("SLA promises kept", f.sla())),
                        gaps(gap("SLA breaches", f.breaches("SLA")))),
                item("RS.AN", "Incident analysis", f.count(c -> "CLOSED".equals(c.status)) > 0,
                        List.of(ev("cases closed with a classification", f.count(c -> "CLOSED".equals(c.status)
                                && c.classification != null)), ev("true positives with a root cause",
                                f.count(c -> f.truePositive(c) && c.rootCause != null) + " of "
                                        + f.count(f::truePositive))),
                        gaps(gap("true positives closed without a root cause",
                                f.numbers(c -> f.truePositive(c) && c.rootCause == null)))),
                item("RS.CO", "Incident response reporting and communication", f.regulatoryDue() > 0 || !f.incidents().isEmpty(),
                        List.of(ev("regulatory notifications on time", f.regulatory()),
                                ev("incidents with a briefing for the client", f.incidents().size())),
                        gaps(gap("regulatory notifications late or overdue", f.breaches("REGULATORY")))),
                item("RS.MI", "Incident mitigation", !f.incidents().isEmpty(),
                        List.of(ev("incidents contained", f.count(c -> f.incident(c) && c.containedAt != null) + " of "
                                + f.incidents().size()), ev("MTTC median (min)", f.median("MTTC"))),
                        gaps(gap("confirmed incidents neither contained nor resolved", f.numbers(c -> f.incident(c)
                                && c.containedAt == null && c.resolvedAt == null && !"CLOSED".equals(c.status))))),
                item("RC.RP", "Incident recovery plan execution", !f.incidents().isEmpty(),
                        List.of(ev("incidents resolved or closed", f.count(c -> f.incident(c) && f.done(c)) + " of "
                                + f.incidents().size()), ev("MTTR median (min)", f.median("MTTR"))),
                        gaps(gap("incidents still open", f.numbers(c -> f.incident(c) && !f.done(c))))),
                item("RC.CO", "Incident recovery communication", f.count(c -> f.incident(c) && f.done(c)) > 0,
                        List.of(ev("resolved incidents whose briefing tells the client", f.count(c -> f.incident(c)
                                && f.done(c)))), List.of()));
        List<Item> iso = List.of(
                item("A.5.24", "Information security incident management planning and preparation", f.cases() > 0,
                        List.of(ev("clock kinds with targets", m.clocks().size()), ev("SLA promises kept", f.sla())),
                        gaps(gap("cases of a severity with no acknowledgement target", f.withoutTarget()))),
                item("A.5.25", "Assessment and decision on information security events", f.cases() > 0,
                        List.of(ev("cases acknowledged", f.count(c -> c.acknowledgedAt != null) + " of " + f.cases()),
                                ev("confirmed as incidents", f.incidents().size()),
                                ev("closed as false or benign positives", f.count(c -> "CLOSED".equals(c.status)
                                        && c.classification != null && !f.truePositive(c)))),
                        gaps(gap("cases not yet acknowledged", f.numbers(c -> c.acknowledgedAt == null && f.open(c))))),
                item("A.5.26", "Response to information security incidents", !f.incidents().isEmpty(),
                        List.of(ev("incidents contained", f.count(c -> f.incident(c) && c.containedAt != null) + " of "
                                + f.incidents().size()), ev("MTTC median (min)", f.median("MTTC"))),
                        gaps(gap("confirmed incidents neither contained nor resolved", f.numbers(c -> f.incident(c)
                                && c.containedAt == null && c.resolvedAt == null && !"CLOSED".equals(c.status))),
                                gap("SLA breaches", f.breaches("SLA")))),
                item("A.5.27", "Learning from information security incidents", f.count(f::truePositive) > 0,
                        List.of(ev("true positives with a root cause", f.count(c -> f.truePositive(c) && c.rootCause != null)
                                + " of " + f.count(f::truePositive)), ev("rules on the tuning list", m.rules().size())),
                        gaps(gap("true positives closed without a root cause",
                                f.numbers(c -> f.truePositive(c) && c.rootCause == null)))),
                item("A.5.28", "Collection of evidence", !f.incidents().isEmpty(),
                        List.of(ev("incidents with an audit trail and timeline (case-service)", f.incidents().size()),
                                ev("alerts kept with their cases", f.incidents().stream().mapToLong(c -> c.alertCount).sum())),
                        List.of()));
        return new ComplianceResponse(tenantId, m.tenantName(), m.period(), List.of(
                new ComplianceResponse.Framework("NIST CSF 2.0", csf),
                new ComplianceResponse.Framework("ISO/IEC 27001:2022 Annex A", iso)));
    }

    private static Item item(String id, String name, boolean active, List<Evidence> evidence, List<Gap> missing) {
        String status = !missing.isEmpty() ? "GAPS" : active ? "EVIDENCED" : "NO_ACTIVITY";
        return new Item(id, name, status, evidence, missing);
    }

    private static Evidence ev(String what, Object value) {
        return new Evidence(what, value == null ? "-" : value.toString());
    }

    private static Gap gap(String what, List<Long> numbers) {
        return numbers.isEmpty() ? null : new Gap(what + " (" + numbers.size() + ")", numbers.stream().limit(CASES_NAMED).toList());
    }

    private static List<Gap> gaps(Gap... gaps) {
        List<Gap> out = new ArrayList<>();
        for (Gap g : gaps) {
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    /** The period's cases and figures, and the questions the views ask of them. */
    private record Facts(MetricsResponse m, List<CaseFact> period) {

        long cases() {
            return period.size();
        }

        long count(Predicate<CaseFact> p) {
            return period.stream().filter(p).count();
        }

        List<Long> numbers(Predicate<CaseFact> p) {
            return period.stream().filter(p).map(c -> c.number).toList();
        }

        boolean open(CaseFact c) {
            return !"RESOLVED".equals(c.status) && !"CLOSED".equals(c.status);
        }

        boolean done(CaseFact c) {
            return c.resolvedAt != null || "CLOSED".equals(c.status) || "RESOLVED".equals(c.status);
        }

        boolean truePositive(CaseFact c) {
            return "CLOSED".equals(c.status) && "TRUE_POSITIVE".equals(c.classification);
        }

        boolean incident(CaseFact c) {
            return BriefingService.CONFIRMED.contains(c.status) || truePositive(c);
        }

        List<CaseFact> incidents() {
            return period.stream().filter(this::incident).toList();
        }

        Double median(String measure) {
            return all(measure) == null ? null : all(measure).medianMinutes();
        }

        Double p90(String measure) {
            return all(measure) == null ? null : all(measure).p90Minutes();
        }

        private MetricsResponse.ResponseTime all(String measure) {
            return m.responseTimes().stream().filter(r -> r.measure().equals(measure) && r.severity().equals("ALL"))
                    .findFirst().orElse(null);
        }

        String sla() {
            long met = 0;
            long breached = 0;
            for (MetricsResponse.ClockCompliance c : m.clocks()) {
                if ("SLA".equals(c.family())) {
                    met += c.met();
                    breached += c.breached();
                }
            }
            return met + breached == 0 ? "none came due" : String.format(Locale.ROOT, "%d of %d (%.1f%%)", met,
                    met + breached, 100.0 * met / (met + breached));
        }

        long regulatoryDue() {
            return m.clocks().stream().filter(c -> !"SLA".equals(c.family())).mapToLong(c -> c.met() + c.breached()).sum();
        }

        String regulatory() {
            long met = m.clocks().stream().filter(c -> !"SLA".equals(c.family())).mapToLong(MetricsResponse.ClockCompliance::met)
                    .sum();
            return regulatoryDue() == 0 ? "none came due" : met + " of " + regulatoryDue();
        }

        /** The cases with a breached clock of the family (among the breaches the metrics list, the first 100). */
        List<Long> breaches(String family) {
            return m.breaches().stream().filter(b -> family.equals("SLA") == "SLA".equals(b.family()))
                    .map(MetricsResponse.Breach::caseNumber).distinct().sorted().toList();
        }

        /** Cases of a severity for which no acknowledgement clock with a target ran in the period. */
        List<Long> withoutTarget() {
            java.util.Set<String> covered = new java.util.HashSet<>();
            m.responseTimes().stream().filter(r -> r.measure().equals("MTTA") && r.targetMinutes() != null)
                    .forEach(r -> covered.add(r.severity()));
            return numbers(c -> !covered.contains(c.severity));
        }
    }
}
