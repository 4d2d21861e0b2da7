package io.vigil.reporting.metrics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
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

    public record CountRow(String key, long cases, long alerts) {
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

    /** The SLA targets the period's cases ran to, per severity and clock kind (the latest when they changed). */
    public List<TargetRow> targets(UUID tenantId, Instant from, Instant to) {
        String sql = "select distinct on (k.severity, k.kind) k.severity, k.kind, k.target_minutes from clock_facts k "
                + "join (" + CASES + ") p on p.case_id = k.case_id where k.tenant_id = ?1 and k.family = 'SLA' "
                + "order by k.severity, k.kind, k.started_at desc";
        return rows(sql, tenantId, from, to).stream()
                .map(r -> new TargetRow((String) r[0], (String) r[1], (int) n(r[2]))).toList();
    }

    public List<ClockRow> clocks(UUID tenantId, Instant from, Instant to) {
        String sql = "select k.family, k.kind, max(k.regime), count(*) filter (where k.state = 'MET'), "
                + "count(*) filter (where k.state = 'BREACHED'), count(*) filter (where k.state = 'BREACHED' and k.late), "
                + "count(*) filter (where k.state in ('ON_TRACK', 'AT_RISK')), coalesce(sum(k.paused_minutes), 0) "
                + "from clock_facts k join (" + CASES + ") p on p.case_id = k.case_id where k.tenant_id = ?1 "
                + "group by k.family, k.kind order by k.family desc, k.kind";
        return rows(sql, tenantId, from, to).stream().map(r -> new ClockRow((String) r[0], (String) r[1], (String) r[2],
                n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]))).toList();
    }

    public List<BreachRow> breaches(UUID tenantId, Instant from, Instant to, int limit) {
        String sql = "select k.case_id, k.case_number, p.title, k.severity, k.family, k.kind, k.regime, k.target_minutes, "
                + "k.due_at, k.stopped_at, k.counted_minutes, k.paused_minutes, k.counting from clock_facts k "
                + "join (" + CASES + ") p on p.case_id = k.case_id where k.tenant_id = ?1 and k.state = 'BREACHED' "
                + "order by k.due_at nulls last, k.case_number, k.kind limit " + limit;
        return rows(sql, tenantId, from, to).stream().map(r -> new BreachRow((UUID) r[0], n(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (int) n(r[7]), instant(r[8]), instant(r[9]),
                (int) n(r[10]), (int) n(r[11]), (String) r[12])).toList();
    }

    public long breachCount(UUID tenantId, Instant from, Instant to) {
        String sql = "select count(*) from clock_facts k join (" + CASES + ") p on p.case_id = k.case_id "
                + "where k.tenant_id = ?1 and k.state = 'BREACHED'";
        return n(query(sql, tenantId, from, to).getSingleResult());
    }

    /** Cases and the alerts they hold, by {@code column} (severity, priority_label, classification, status). */
    public List<CountRow> countsBy(String column, UUID tenantId, Instant from, Instant to) {
        if (!List.of("severity", "priority_label", "classification", "status").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        String sql = "select coalesce(" + column + ", 'NONE'), count(*), coalesce(sum(alert_count), 0) from (" + CASES
                + ") p group by 1 order by 1";
        return rows(sql, tenantId, from, to).stream().map(r -> new CountRow((String) r[0], n(r[1]), n(r[2]))).toList();
    }

    public long reopened(UUID tenantId, Instant from, Instant to) {
        return n(query("select coalesce(sum(reopened), 0) from (" + CASES + ") p", tenantId, from, to).getSingleResult());
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
                + "left join (select k.tenant_id, count(*) filter (where k.state = 'MET') met, "
                + "count(*) filter (where k.state = 'BREACHED') breached from clock_facts k join case_facts p "
                + "on p.case_id = k.case_id where k.family = 'SLA' and p.created_at >= ?2 and p.created_at < ?3 "
                + "group by k.tenant_id) k on k.tenant_id = t.tenant_id "
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
