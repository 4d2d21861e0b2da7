package io.vigil.detection.suppression.repository;

import io.vigil.detection.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of suppressions: each tenant's settings per rule, and each group's open window. */
@ApplicationScoped
public class SuppressionRepository {

    private static final String SEPARATOR = "\u0001";

    /** A suppression as stored, with how many matches it held back so far. */
    public record SuppressionRow(List<String> groupBy, long windowSeconds, long suppressed) {
    }

    /** What a match needs: the fields that make a group, and the window. */
    public record Setting(String[] groupBy, long windowSeconds) {
    }

    private final EntityManager em;

    public SuppressionRepository(EntityManager em) {
        this.em = em;
    }

    public void upsert(UUID tenantId, String ruleId, List<String> groupBy, long windowSeconds) {
        em.createNativeQuery("insert into suppressions (tenant_id, rule_id, group_by, window_seconds, created_at)"
                + " values (:t, :r, cast(:g as text[]), :w, now()) on conflict (tenant_id, rule_id)"
                + " do update set group_by = excluded.group_by, window_seconds = excluded.window_seconds")
                .setParameter("t", tenantId).setParameter("r", ruleId).setParameter("g", Sql.textArray(groupBy))
                .setParameter("w", (int) windowSeconds).executeUpdate();
    }

    public Optional<SuppressionRow> find(UUID tenantId, String ruleId) {
        List<?> rows = em.createNativeQuery("select array_to_string(s.group_by, '" + SEPARATOR + "'), s.window_seconds,"
                + " coalesce((select sum(st.suppressed) from suppression_state st where st.tenant_id = s.tenant_id"
                + " and st.rule_id = s.rule_id), 0) from suppressions s where s.tenant_id = :t and s.rule_id = :r")
                .setParameter("t", tenantId).setParameter("r", ruleId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new SuppressionRow(List.of(((String) r[0]).split(SEPARATOR)), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue()));
    }

    public void delete(UUID tenantId, String ruleId) {
        em.createNativeQuery("delete from suppressions where tenant_id = :t and rule_id = :r")
                .setParameter("t", tenantId).setParameter("r", ruleId).executeUpdate();
    }

    /** The tenant's suppressions by rule id. */
    public Map<String, Setting> settingsOf(UUID tenantId) {
        Map<String, Setting> out = new HashMap<>();
        for (Object row : em.createNativeQuery("select rule_id, array_to_string(group_by, '" + SEPARATOR + "'),"
                + " window_seconds from suppressions where tenant_id = :t").setParameter("t", tenantId).getResultList()) {
            Object[] r = (Object[]) row;
            out.put((String) r[0], new Setting(((String) r[1]).split(SEPARATOR), ((Number) r[2]).longValue()));
        }
        return Map.copyOf(out);
    }

    /**
     * Opens the group's window until {@code until} when it has none or its window ended at {@code at}; true
     * when it opened one (the match raises), false when a window is open (the match is held back).
     */
    public boolean openWindow(UUID tenantId, String ruleId, String groupKey, Instant until, Instant at) {
        return em.createNativeQuery("insert into suppression_state (tenant_id, rule_id, group_key, until)"
                + " values (:t, :r, :k, :u) on conflict (tenant_id, rule_id, group_key) do update"
                + " set until = excluded.until where suppression_state.until <= :at")
                .setParameter("t", tenantId).setParameter("r", ruleId).setParameter("k", groupKey)
                .setParameter("u", Timestamp.from(until)).setParameter("at", Timestamp.from(at)).executeUpdate() == 1;
    }

    /** Counts one more match held back in the group's open window. */
    public void countHeldBack(UUID tenantId, String ruleId, String groupKey) {
        em.createNativeQuery("update suppression_state set suppressed = suppressed + 1 where tenant_id = :t"
                + " and rule_id = :r and group_key = :k").setParameter("t", tenantId).setParameter("r", ruleId)
                .setParameter("k", groupKey).executeUpdate();
    }
}
