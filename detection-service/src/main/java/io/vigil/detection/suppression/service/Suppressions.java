package io.vigil.detection.suppression.service;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.support.Sql;
import io.vigil.detection.suppression.rest.SuppressionRequest;
import io.vigil.detection.suppression.rest.SuppressionResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alert suppression per tenant and rule: the first match of a group of field values raises an alert, the
 * next ones within the window only count. Decided in the raising transaction (PostgreSQL), so a restart
 * keeps windows and a rolled-back alert suppresses nothing.
 */
@ApplicationScoped
public class Suppressions {

    private static final long CACHE_MILLIS = 5_000;

    /** One suppression: the fields that make a group, and the window. */
    private record Rule(String[] groupBy, long windowSeconds) {
    }

    /** A tenant's suppressions by rule id, as read at {@code at}. */
    private record Cached(Map<String, Rule> rules, long at) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public Suppressions(EntityManager em, CurrentTenant current) {
        this.em = em;
        this.current = current;
    }

    @Transactional
    public SuppressionResponse set(String ruleId, UUID tenantId, SuppressionRequest req) {
        current.requireVisible(tenantId);
        if (req.window().isNegative() || req.window().isZero() || req.window().compareTo(Duration.ofDays(7)) > 0) {
            throw new ProblemException.Unprocessable("window must be between 1 s and 7 days",
                    List.of(new Problem.FieldError("window", "between PT1S and P7D")));
        }
        em.createNativeQuery("insert into suppressions (tenant_id, rule_id, group_by, window_seconds, created_at)"
                + " values (:t, :r, cast(:g as text[]), :w, now()) on conflict (tenant_id, rule_id)"
                + " do update set group_by = excluded.group_by, window_seconds = excluded.window_seconds")
                .setParameter("t", tenantId).setParameter("r", ruleId)
                .setParameter("g", Sql.textArray(req.groupBy()))
                .setParameter("w", (int) req.window().toSeconds()).executeUpdate();
        cache.remove(tenantId);
        return get(ruleId, tenantId);
    }

    @Transactional
    public SuppressionResponse get(String ruleId, UUID tenantId) {
        current.requireVisible(tenantId);
        List<?> rows = em.createNativeQuery("select array_to_string(s.group_by, '\u0001'), s.window_seconds,"
                + " coalesce((select sum(st.suppressed) from suppression_state st where st.tenant_id = s.tenant_id"
                + " and st.rule_id = s.rule_id), 0) from suppressions s where s.tenant_id = :t and s.rule_id = :r")
                .setParameter("t", tenantId).setParameter("r", ruleId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException.NotFound("rule " + ruleId + " is not suppressed for tenant " + tenantId);
        }
        Object[] r = (Object[]) rows.get(0);
        return new SuppressionResponse(tenantId, ruleId, List.of(((String) r[0]).split("\u0001")),
                Duration.ofSeconds(((Number) r[1]).longValue()).toString(), ((Number) r[2]).longValue());
    }

    @Transactional
    public void remove(String ruleId, UUID tenantId) {
        current.requireVisible(tenantId);
        em.createNativeQuery("delete from suppressions where tenant_id = :t and rule_id = :r")
                .setParameter("t", tenantId).setParameter("r", ruleId).executeUpdate();
        cache.remove(tenantId);
    }

    /**
     * Within the raising transaction: true if this match should raise an alert (no suppression, or the
     * first of its group in the window); false if it is held back (and counted).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean admit(UUID tenantId, String ruleId, MapEvent event, Instant at) {
        Rule s = suppressionsOf(tenantId).get(ruleId);
        if (s == null) {
            return true;
        }
        StringBuilder values = new StringBuilder();
        for (String field : s.groupBy()) {
            Object v = event.get(field);
            values.append(field).append('=').append(v == null ? "" : v).append('\u0001');
        }
        String key = Sql.sha256(values.toString());
        Instant until = at.plusSeconds(s.windowSeconds());
        // A new group, or one whose window ended, opens a window and raises; otherwise count and hold back.
        int opened = em.createNativeQuery("insert into suppression_state (tenant_id, rule_id, group_key, until)"
                + " values (:t, :r, :k, :u) on conflict (tenant_id, rule_id, group_key) do update"
                + " set until = excluded.until where suppression_state.until <= :at")
                .setParameter("t", tenantId).setParameter("r", ruleId).setParameter("k", key)
                .setParameter("u", Timestamp.from(until)).setParameter("at", Timestamp.from(at)).executeUpdate();
        if (opened == 1) {
            return true;
        }
        em.createNativeQuery("update suppression_state set suppressed = suppressed + 1 where tenant_id = :t"
                + " and rule_id = :r and group_key = :k").setParameter("t", tenantId).setParameter("r", ruleId)
                .setParameter("k", key).executeUpdate();
        return false;
    }


    /** The tenant's suppressions, read once every few seconds (every match of every rule asks). */
    private Map<String, Rule> suppressionsOf(UUID tenantId) {
        Cached c = cache.get(tenantId);
        long now = System.currentTimeMillis();
        if (c == null || now - c.at() > CACHE_MILLIS) {
            Map<String, Rule> rules = new HashMap<>();
            for (Object row : em.createNativeQuery("select rule_id, array_to_string(group_by, '\u0001'), window_seconds"
                    + " from suppressions where tenant_id = :t").setParameter("t", tenantId).getResultList()) {
                Object[] r = (Object[]) row;
                rules.put((String) r[0], new Rule(((String) r[1]).split("\u0001"), ((Number) r[2]).longValue()));
            }
            c = new Cached(Map.copyOf(rules), now);
            cache.put(tenantId, c);
        }
        return c.rules();
    }
}
