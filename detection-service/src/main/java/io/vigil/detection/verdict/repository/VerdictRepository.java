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
}
