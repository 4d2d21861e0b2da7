package io.vigil.reporting.compliance.service;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
        Facts f = new Facts(m, counts(tenantId, m));
        List<Item> csf = List.of(
                item("DE.CM", "Continuous monitoring", f.cases() > 0,
                        List.of(ev("alerts", m.volumes().alerts()), ev("cases opened", f.cases()),
                                ev("MTTD median (min)", f.median("MTTD"))), List.of()),
                item("DE.AE", "Adverse event analysis", f.cases() > 0,
                        List.of(ev("cases acknowledged", f.n("acknowledged") + " of " + f.cases()),
                                ev("MTTA median (min)", f.median("MTTA")), ev("MTTA p90 (min)", f.p90("MTTA"))),
                        gaps(gap("cases not yet acknowledged", f.numbers("unacknowledged")))),
                item("RS.MA", "Incident management", f.cases() > 0,
                        List.of(ev("confirmed incidents", f.n("incidents")),
                                ev("SLA promises kept", f.sla())),
                        gaps(gap("SLA breaches", f.breaches("SLA")))),
                item("RS.AN", "Incident analysis", f.n("closed") > 0,
                        List.of(ev("cases closed with a classification", f.n("classified")), ev("true positives with a root cause",
                                f.n("tpRootCause") + " of "
                                        + f.n("tp"))),
                        gaps(gap("true positives closed without a root cause",
                                f.numbers("tpNoRootCause")))),
                item("RS.CO", "Incident response reporting and communication", f.regulatoryDue() > 0 || (f.n("incidents") > 0),
                        List.of(ev("regulatory notifications on time", f.regulatory()),
                                ev("incidents with a briefing for the client", f.n("incidents"))),
                        gaps(gap("regulatory notifications late or overdue", f.breaches("REGULATORY")))),
                item("RS.MI", "Incident mitigation", (f.n("incidents") > 0),
                        List.of(ev("incidents contained", f.n("contained") + " of "
                                + f.n("incidents")), ev("MTTC median (min)", f.median("MTTC"))),
                        gaps(gap("confirmed incidents neither contained nor resolved", f.numbers("uncontained")))),
                item("RC.RP", "Incident recovery plan execution", (f.n("incidents") > 0),
                        List.of(ev("incidents resolved or closed", f.n("done") + " of "
                                + f.n("incidents")), ev("MTTR median (min)", f.median("MTTR"))),
                        gaps(gap("incidents still open", f.numbers("stillOpen")))),
                item("RC.CO", "Incident recovery communication", f.n("done") > 0,
                        List.of(ev("resolved incidents whose briefing tells the client", f.n("done"))), List.of()));
        List<Item> iso = List.of(
                item("A.5.24", "Information security incident management planning and preparation", f.cases() > 0,
                        List.of(ev("clock kinds with targets", m.clocks().size()), ev("SLA promises kept", f.sla())),
                        gaps(gap("cases of a severity with no acknowledgement target", f.numbers("noTarget")))),
                item("A.5.25", "Assessment and decision on information security events", f.cases() > 0,
                        List.of(ev("cases acknowledged", f.n("acknowledged") + " of " + f.cases()),
                                ev("confirmed as incidents", f.n("incidents")),
                                ev("closed as false or benign positives", f.n("fpbp"))),
                        gaps(gap("cases not yet acknowledged", f.numbers("unacknowledged")))),
                item("A.5.26", "Response to information security incidents", (f.n("incidents") > 0),
                        List.of(ev("incidents contained", f.n("contained") + " of "
                                + f.n("incidents")), ev("MTTC median (min)", f.median("MTTC"))),
                        gaps(gap("confirmed incidents neither contained nor resolved", f.numbers("uncontained")),
                                gap("SLA breaches", f.breaches("SLA")))),
                item("A.5.27", "Learning from information security incidents", f.n("tp") > 0,
                        List.of(ev("true positives with a root cause", f.n("tpRootCause")
                                + " of " + f.n("tp")), ev("rules on the tuning list", m.rules().size())),
                        gaps(gap("true positives closed without a root cause",
                                f.numbers("tpNoRootCause")))),
                item("A.5.28", "Collection of evidence", (f.n("incidents") > 0),
                        List.of(ev("incidents with an audit trail and timeline (case-service)", f.n("incidents")),
                                ev("alerts kept with their cases", f.incidentAlerts())),
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
        return gap(what, new Hits(numbers.size(), numbers.stream().limit(CASES_NAMED).toList()));
    }

    private static Gap gap(String what, Hits hits) {
        return hits.count() == 0 ? null : new Gap(what + " (" + hits.count() + ")", hits.numbers());
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

    /** How many of the period's cases a question admits, and the first of them by number. */
    record Hits(long count, List<Long> numbers) {
    }

    /** The questions the views ask of the period's cases, answered by one statement (no case is loaded). */
    private Map<String, Hits> counts(UUID tenantId, MetricsResponse m) {
        java.util.Set<String> covered = new java.util.HashSet<>();
        m.responseTimes().stream().filter(r -> r.measure().equals("MTTA") && r.targetMinutes() != null)
                .forEach(r -> covered.add(r.severity()));
        String incident = "(status in ('" + String.join("', '", io.vigil.reporting.briefing.service.BriefingService.CONFIRMED)
                + "') or " + TP + ")";
        String done = "(resolved_at is not null or status in ('CLOSED', 'RESOLVED'))";
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("cases", "true");
        questions.put("acknowledged", "acknowledged_at is not null");
        questions.put("unacknowledged", "acknowledged_at is null and status not in ('RESOLVED', 'CLOSED')");
        questions.put("closed", "status = 'CLOSED'");
        questions.put("classified", "status = 'CLOSED' and classification is not null");
        questions.put("tp", TP);
        questions.put("tpRootCause", TP + " and root_cause is not null");
        questions.put("tpNoRootCause", TP + " and root_cause is null");
        questions.put("incidents", incident);
        questions.put("contained", incident + " and contained_at is not null");
        questions.put("uncontained", incident + " and contained_at is null and resolved_at is null and status <> 'CLOSED'");
        questions.put("done", incident + " and " + done);
        questions.put("stillOpen", incident + " and not " + done);
        questions.put("fpbp", "status = 'CLOSED' and classification is not null and not " + TP);
        questions.put("noTarget", "not (severity = any (cast(?4 as text[])))");
        StringBuilder sql = new StringBuilder("select coalesce(sum(alert_count) filter (where " + incident + "), 0)");
        for (String q : questions.values()) {
            sql.append(", count(*) filter (where ").append(q).append("), (array_agg(number order by number) filter (where ")
                    .append(q).append("))[1:").append(CASES_NAMED).append(']');
        }
        sql.append(" from case_facts where tenant_id = ?1 and created_at >= ?2 and created_at < ?3");
        Object[] row = (Object[]) cases.getEntityManager().createNativeQuery(sql.toString()).setParameter(1, tenantId)
                .setParameter(2, m.period().from()).setParameter(3, m.period().to())
                .setParameter(4, covered.toArray(String[]::new)).getSingleResult();
        Map<String, Hits> out = new LinkedHashMap<>();
        out.put("incidentAlerts", new Hits(((Number) row[0]).longValue(), List.of()));
        int i = 1;
        for (String name : questions.keySet()) {
            long n = ((Number) row[i]).longValue();
            List<Long> numbers = new ArrayList<>();
            Object arr = row[i + 1];
            if (arr instanceof java.sql.Array a) {
                try {
                    arr = a.getArray();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (arr instanceof Object[] values) {
                for (Object v : values) {
                    numbers.add(((Number) v).longValue());
                }
            }
            out.put(name, new Hits(n, numbers));
            i += 2;
        }
        return out;
    }

    private static final String TP = "(status = 'CLOSED' and classification = 'TRUE_POSITIVE')";

    /** The period's figures and the answers about its cases. */
    private record Facts(MetricsResponse m, Map<String, Hits> hits) {

        long cases() {
            return n("cases");
        }

        long n(String question) {
            return hits.get(question).count();
        }

        Hits numbers(String question) {
            return hits.get(question);
        }

        long incidentAlerts() {
            return n("incidentAlerts");
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
    }
}
