package io.vigil.detection.verdict.repository;

import io.vigil.detection.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of verdict counts per tenant and rule. */
@ApplicationScoped
public class VerdictRepository {

    /** The column of each verdict this version counts. */
    static final Map<String, String> COLUMNS = Map.of("TRUE_POSITIVE", "true_positives",
            "BENIGN_POSITIVE", "benign_positives", "FALSE_POSITIVE", "false_positives");

    /** One row: a tenant's counts for one rule. */
    public record CountRow(UUID tenantId, String ruleId, long truePositives, long benignPositives, long falsePositives,
            Instant updatedAt) {
    }

    private final EntityManager em;

    public VerdictRepository(EntityManager em) {
        this.em = em;
    }

    /** True when this version counts the verdict. */
    public static boolean counted(String verdict) {
        return verdict != null && COLUMNS.containsKey(verdict);
    }

    /** Adds one to the verdict's count; a changed verdict also takes one from the previous one's. */
    public void count(UUID tenantId, String ruleId, String verdict, String previousVerdict, Instant at) {
        String column = COLUMNS.get(verdict);
        String previous = previousVerdict == null ? null : COLUMNS.get(previousVerdict);
        String moves = column + " = rule_verdicts." + column + " + 1"
                + (previous == null || previous.equals(column) ? ""
                        : ", " + previous + " = greatest(rule_verdicts." + previous + " - 1, 0)");
        em.createNativeQuery("insert into rule_verdicts (tenant_id, rule_id, " + column + ", updated_at)"
                + " values (:t, :r, 1, :at) on conflict (tenant_id, rule_id) do update set " + moves + ", updated_at = :at")
                .setParameter("t", tenantId).setParameter("r", ruleId).setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }

    /** Counts of one rule or one tenant (or all visible), the rules with most false positives first. */
    @SuppressWarnings("unchecked")
    /** Where the next page starts: after this row in (false positives desc, rule, tenant) order. */
    public record After(long falsePositives, String ruleId, UUID tenantId) {
    }

    public List<CountRow> list(String ruleId, UUID tenantId, After after, int limit) {
        Query q = em.createNativeQuery("select tenant_id, rule_id, true_positives, benign_positives, false_positives,"
                + " updated_at from rule_verdicts where true"
                + (ruleId == null ? "" : " and rule_id = :r") + (tenantId == null ? "" : " and tenant_id = :t")
                + (after == null ? "" : " and (false_positives < :afp or (false_positives = :afp and (rule_id > :ar"
                        + " or (rule_id = :ar and tenant_id > :at))))")
                + " order by false_positives desc, rule_id, tenant_id limit " + limit);
        if (ruleId != null) {
            q.setParameter("r", ruleId);
        }
        if (tenantId != null) {
            q.setParameter("t", tenantId);
        }
        if (after != null) {
            q.setParameter("afp", after.falsePositives()).setParameter("ar", after.ruleId()).setParameter("at", after.tenantId());
        }
        return ((List<Object[]>) q.getResultList()).stream().map(r -> new CountRow((UUID) r[0], (String) r[1],
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue(),
                Sql.instant(r[5]))).toList();
    }

    /**
     * Keeps a review's follow-up of a rule (a later message of the same follow-up replaces an earlier one, an
     * older one changes nothing), and makes sure the rule has a row of counts to be listed with.
     */
    public void followUp(UUID tenantId, io.vigil.detection.verdict.RuleFollowUp f) {
        em.createNativeQuery("insert into rule_follow_ups (id, tenant_id, rule_id, case_id, case_number, kind, title, owner,"
                + " due_date, status, playbook, updated_at) values (:id, :t, :r, :c, :n, :k, :title, :o, :due, :s, :p, :at)"
                + " on conflict (id) do update set rule_id = excluded.rule_id, kind = excluded.kind, title = excluded.title,"
                + " owner = excluded.owner, due_date = excluded.due_date, status = excluded.status,"
                + " playbook = excluded.playbook, updated_at = excluded.updated_at"
                + " where rule_follow_ups.updated_at <= excluded.updated_at")
                .setParameter("id", f.followUpId()).setParameter("t", tenantId).setParameter("r", f.ruleId())
                .setParameter("c", f.caseId()).setParameter("n", f.caseNumber()).setParameter("k", f.kind())
                .setParameter("title", f.title()).setParameter("o", f.owner()).setParameter("due", java.sql.Date.valueOf(f.dueDate()))
                .setParameter("s", f.status()).setParameter("p", f.playbook())
                .setParameter("at", Timestamp.from(f.updatedAt())).executeUpdate();
        em.createNativeQuery("insert into rule_verdicts (tenant_id, rule_id, updated_at) values (:t, :r, :at)"
                + " on conflict (tenant_id, rule_id) do nothing")
                .setParameter("t", tenantId).setParameter("r", f.ruleId()).setParameter("at", Timestamp.from(f.updatedAt()))
                .executeUpdate();
    }

    /** A follow-up as listed beside its rule's counts. */
    public record FollowUpRow(UUID tenantId, String ruleId, UUID id, long caseNumber, String kind, String title,
            String owner, java.time.LocalDate dueDate, String status, String playbook) {
    }

    /** The open follow-ups of these rows' rules, by "tenant|rule". */
    @SuppressWarnings("unchecked")
    public Map<String, List<FollowUpRow>> openFollowUps(List<CountRow> rows) {
        Map<String, List<FollowUpRow>> out = new java.util.HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        java.util.Set<String> tenants = new java.util.TreeSet<>();
        java.util.Set<String> rules = new java.util.TreeSet<>();
        rows.forEach(r -> {
            tenants.add(r.tenantId().toString());
            rules.add(r.ruleId());
        });
        List<Object[]> found = em.createNativeQuery("select tenant_id, rule_id, id, case_number, kind, title, owner, due_date,"
                + " status, playbook from rule_follow_ups where status = 'OPEN'"
                + " and tenant_id = any (cast(string_to_array(:t, ',') as uuid[]))"
                + " and rule_id = any (string_to_array(:r, chr(31))) order by due_date, id")
                .setParameter("t", String.join(",", tenants)).setParameter("r", String.join("\u001f", rules)).getResultList();
        for (Object[] f : found) {
            FollowUpRow row = new FollowUpRow((UUID) f[0], (String) f[1], (UUID) f[2], ((Number) f[3]).longValue(),
                    (String) f[4], (String) f[5], (String) f[6], f[7] instanceof java.sql.Date d ? d.toLocalDate()
                            : (java.time.LocalDate) f[7], (String) f[8], (String) f[9]);
            out.computeIfAbsent(row.tenantId() + "|" + row.ruleId(), k -> new java.util.ArrayList<>()).add(row);
        }
        return out;
    }
}
