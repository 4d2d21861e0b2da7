package io.vigil.reporting.metrics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read model's figures, one statement each, over the cases opened in a period. Medians and 90th
 * percentiles are PostgreSQL's {@code percentile_cont} (linear between the two nearest values), in seconds.
 * Every statement names its tenant (or the caller's tenant set) besides row-level security.
 */
@ApplicationScoped
public class MetricStatements {

    /** Cases of one tenant opened in the period, for the statements below. */
    private static final String CASES = "select * from case_facts where tenant_id = ?1 and created_at >= ?2 and created_at < ?3";
    /** The clocks of those cases. */
    private static final String CLOCKS = "clock_facts k where k.tenant_id = ?1 and k.case_opened_at >= ?2 and k.case_opened_at < ?3";

    /** One row per severity (and one with a null severity for all): response times in seconds. */
    public record ResponseRow(String severity, long cases, long detected, Double mttdMedian, Double mttdP90,
            long acknowledged, Double mttaMedian, Double mttaP90, long contained, Double mttcMedian, Double mttcP90,
            long resolved, Double mttrMedian, Double mttrP90) {
    }

    public record TargetRow(String severity, String kind, int targetMinutes) {
    }

    public record ClockRow(String family, String kind, String regime, long met, long breached, long keptLate,
            long running, long pausedMinutes) {
    }

    public record BreachRow(UUID caseId, long caseNumber, String caseTitle, String severity, String family, String kind,
            String regime, int targetMinutes, Instant dueAt, Instant stoppedAt, int countedMinutes, int pausedMinutes,
            String counting) {
    }

    public record RuleRow(String ruleId, String title, long closed, long falsePositives, long benignPositives,
            long truePositives) {
    }

    public record TenantRow(UUID tenantId, String name, String socModel, long cases, long open, long openCritical,
            long met, long breached) {
    }

    private final EntityManager em;

    public MetricStatements(EntityManager em) {
        this.em = em;
    }

    public List<ResponseRow> responseTimes(UUID tenantId, Instant from, Instant to) {
        String sql = "select severity, count(*), "
                + "count(d), percentile_cont(0.5) within group (order by d), percentile_cont(0.9) within group (order by d), "
                + "count(a), percentile_cont(0.5) within group (order by a), percentile_cont(0.9) within group (order by a), "
                + "count(c), percentile_cont(0.5) within group (order by c), percentile_cont(0.9) within group (order by c), "
                + "count(r), percentile_cont(0.5) within group (order by r), percentile_cont(0.9) within group (order by r) "
                + "from (select severity, greatest(0, extract(epoch from created_at - first_activity_at)) d, "
                + "extract(epoch from acknowledged_at - created_at) a, extract(epoch from contained_at - created_at) c, "
                + "extract(epoch from coalesce(resolved_at, closed_at) - created_at) r from (" + CASES + ") p) x "
                + "group by grouping sets ((severity), ())";
        return rows(sql, tenantId, from, to).stream().map(r -> new ResponseRow((String) r[0], n(r[1]), n(r[2]), d(r[3]),
                d(r[4]), n(r[5]), d(r[6]), d(r[7]), n(r[8]), d(r[9]), d(r[10]), n(r[11]), d(r[12]), d(r[13]))).toList();
    }

    /**
     * One pass over the period's clocks: per family and kind the clocks met, breached, kept late, running and
     * the minutes paused; and per severity and SLA kind the target they ran to (the longest, if it changed).
     */
    public Clocks clocks(UUID tenantId, Instant from, Instant to) {
        String sql = "select k.family, k.kind, k.severity, max(k.regime), count(*) filter (where k.state = 'MET'), "
                + "count(*) filter (where k.state = 'BREACHED'), count(*) filter (where k.state = 'BREACHED' and k.late), "
                + "count(*) filter (where k.state in ('ON_TRACK', 'AT_RISK')), coalesce(sum(k.paused_minutes), 0), "
                + "max(k.target_minutes), grouping(k.severity) from " + CLOCKS + " group by grouping sets ((k.family, k.kind), (k.family, k.kind, k.severity)) "
                + "order by k.family desc, k.kind";
        List<ClockRow> kinds = new java.util.ArrayList<>();
        List<TargetRow> targets = new java.util.ArrayList<>();
        for (Object[] r : rows(sql, tenantId, from, to)) {
            if (n(r[10]) == 1) {
                kinds.add(new ClockRow((String) r[0], (String) r[1], (String) r[3], n(r[4]), n(r[5]), n(r[6]), n(r[7]),
                        n(r[8])));
            } else if ("SLA".equals(r[0])) {
                targets.add(new TargetRow((String) r[2], (String) r[1], (int) n(r[9])));
            }
        }
        return new Clocks(kinds, targets);
    }

    public record Clocks(List<ClockRow> kinds, List<TargetRow> targets) {
    }

    public List<BreachRow> breaches(UUID tenantId, Instant from, Instant to, int limit) {
        String sql = "select k.case_id, k.case_number, (select c.title from case_facts c where c.case_id = k.case_id), "
                + "k.severity, k.family, k.kind, k.regime, k.target_minutes, k.due_at, k.stopped_at, k.counted_minutes, "
                + "k.paused_minutes, k.counting from " + CLOCKS + " and k.state = 'BREACHED' "
                + "order by k.due_at nulls last, k.case_number, k.kind limit " + limit;
        return rows(sql, tenantId, from, to).stream().map(r -> new BreachRow((UUID) r[0], n(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (int) n(r[7]), instant(r[8]), instant(r[9]),
                (int) n(r[10]), (int) n(r[11]), (String) r[12])).toList();
    }

    /** The period's cases by severity, priority, classification and status, with alerts and reopenings. */
    public Volumes volumes(UUID tenantId, Instant from, Instant to) {
        String sql = "select coalesce(severity, priority_label, classification, status, 'NONE'), count(*), "
                + "coalesce(sum(alert_count), 0), coalesce(sum(reopened), 0), "
                + "grouping(severity, priority_label, classification, status) from (" + CASES + ") p "
                + "group by grouping sets ((severity), (priority_label), (classification), (status), ()) order by 5, 1";
        List<Map<String, Long>> by = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>());
        long cases = 0;
        long alerts = 0;
        long reopened = 0;
        for (Object[] r : rows(sql, tenantId, from, to)) {
            // Which set the row belongs to: a bit per column left out, severity's the highest.
            int set = switch ((int) n(r[4])) {
                case 7 -> 0;
                case 11 -> 1;
                case 13 -> 2;
                case 14 -> 3;
                default -> -1;
            };
            if (set >= 0) {
                by.get(set).put((String) r[0], n(r[1]));
            } else {
                cases = n(r[1]);
                alerts = n(r[2]);
                reopened = n(r[3]);
            }
        }
        return new Volumes(cases, alerts, reopened, by.get(0), by.get(1), by.get(2), by.get(3));
    }

    public record Volumes(long cases, long alerts, long reopened, Map<String, Long> bySeverity,
            Map<String, Long> byPriority, Map<String, Long> byClassification, Map<String, Long> byStatus) {
    }

    /** Closed cases per rule, noisiest first: the tuning list. */
    public List<RuleRow> rules(UUID tenantId, Instant from, Instant to, int limit) {
        String sql = "select rule_id, max(title), count(*), count(*) filter (where classification = 'FALSE_POSITIVE'), "
                + "count(*) filter (where classification = 'BENIGN_POSITIVE'), "
                + "count(*) filter (where classification = 'TRUE_POSITIVE') from (" + CASES + ") p "
                + "where closed_at is not null and rule_id is not null group by rule_id "
                + "order by 4 desc, 3 desc, 1 limit " + limit;
        return rows(sql, tenantId, from, to).stream().map(r -> new RuleRow((String) r[0], (String) r[1], n(r[2]),
                n(r[3]), n(r[4]), n(r[5]))).toList();
    }

    /**
     * Every tenant of the caller's set ({@code tenants}: comma-separated ids or '*') with its cases opened in the
     * period and its SLA clocks met and breached.
     */
    public List<TenantRow> tenants(String tenants, Instant from, Instant to) {
        String sql = "select t.tenant_id, t.name, t.soc_model, coalesce(c.cases, 0), coalesce(c.open, 0), "
                + "coalesce(c.open_critical, 0), coalesce(k.met, 0), coalesce(k.breached, 0) from tenant_facts t "
                + "left join (select tenant_id, count(*) cases, count(*) filter (where status not in ('RESOLVED', 'CLOSED')) open, "
                + "count(*) filter (where status not in ('RESOLVED', 'CLOSED') and severity = 'CRITICAL') open_critical "
                + "from case_facts where created_at >= ?2 and created_at < ?3 group by tenant_id) c on c.tenant_id = t.tenant_id "
                + "left join (select tenant_id, count(*) filter (where state = 'MET') met, "
                + "count(*) filter (where state = 'BREACHED') breached from clock_facts where family = 'SLA' "
                + "and case_opened_at >= ?2 and case_opened_at < ?3 group by tenant_id) k on k.tenant_id = t.tenant_id "
                + "where (?1 = '*' or t.tenant_id = any (cast(string_to_array(?1, ',') as uuid[])))";
        Query q = em.createNativeQuery(sql).setParameter(1, tenants).setParameter(2, from).setParameter(3, to);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new TenantRow((UUID) r[0], (String) r[1], (String) r[2], n(r[3]), n(r[4]),
                n(r[5]), n(r[6]), n(r[7]))).toList();
    }

    private Query query(String sql, UUID tenantId, Instant from, Instant to) {
        return em.createNativeQuery(sql).setParameter(1, tenantId).setParameter(2, from).setParameter(3, to);
    }

    /** Cases opened per month of the tenant's zone from {@code from} to {@code to}: all, high or critical, alerts. */
    public record MonthRow(String month, long cases, long severe, long alerts) {
    }

    public List<MonthRow> months(UUID tenantId, Instant from, Instant to, java.time.ZoneId zone) {
        String sql = "select to_char(created_at at time zone ?4, 'YYYY-MM'), count(*), "
                + "count(*) filter (where severity in ('HIGH', 'CRITICAL')), coalesce(sum(alert_count), 0) from ("
                + CASES + ") p group by 1 order by 1";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query(sql, tenantId, from, to).setParameter(4, zone.getId()).getResultList();
        return rows.stream().map(r -> new MonthRow((String) r[0], n(r[1]), n(r[2]), n(r[3]))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, UUID tenantId, Instant from, Instant to) {
        return query(sql, tenantId, from, to).getResultList();
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Double d(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }
}
