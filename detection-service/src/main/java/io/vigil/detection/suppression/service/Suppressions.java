package io.vigil.detection.suppression.service;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.support.Sql;
import io.vigil.detection.suppression.repository.SuppressionRepository;
import io.vigil.detection.suppression.rest.SuppressionRequest;
import io.vigil.detection.suppression.rest.SuppressionResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alert suppression per tenant and rule: the first match of a group of field values raises an alert, the
 * next ones within the window only count. Decided in the raising transaction (PostgreSQL), so a restart
 * keeps windows and a rolled-back alert suppresses nothing.
 */
@ApplicationScoped
public class Suppressions {

    private final SuppressionRepository store;
    private final CurrentTenant current;
    /** Every match of every rule asks: the tenant's settings are read once every few seconds. */
    private final TenantCache<Map<String, SuppressionRepository.Setting>> cache = new TenantCache<>(Duration.ofSeconds(5));

    public Suppressions(SuppressionRepository store, CurrentTenant current) {
        this.store = store;
        this.current = current;
    }

    @Transactional
    public SuppressionResponse set(String ruleId, UUID tenantId, SuppressionRequest req) {
        current.requireVisible(tenantId);
        if (req.window().isNegative() || req.window().isZero() || req.window().compareTo(Duration.ofDays(7)) > 0) {
            throw new ProblemException.Unprocessable("window must be between 1 s and 7 days",
                    List.of(new Problem.FieldError("window", "between PT1S and P7D")));
        }
        store.upsert(tenantId, ruleId, req.groupBy(), req.window().toSeconds());
        cache.invalidate(tenantId);
        return get(ruleId, tenantId);
    }

    @Transactional
    public SuppressionResponse get(String ruleId, UUID tenantId) {
        current.requireVisible(tenantId);
        SuppressionRepository.SuppressionRow r = store.find(tenantId, ruleId).orElseThrow(
                () -> new ProblemException.NotFound("rule " + ruleId + " is not suppressed for tenant " + tenantId));
        return new SuppressionResponse(tenantId, ruleId, r.groupBy(), Duration.ofSeconds(r.windowSeconds()).toString(),
                r.suppressed());
    }

    @Transactional
    public void remove(String ruleId, UUID tenantId) {
        current.requireVisible(tenantId);
        store.delete(tenantId, ruleId);
        cache.invalidate(tenantId);
    }

    /**
     * Within the raising transaction: true if this match should raise an alert (no suppression, or the
     * first of its group in the window); false if it is held back (and counted).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean admit(UUID tenantId, String ruleId, MapEvent event, Instant at) {
        SuppressionRepository.Setting s = cache.get(tenantId, store::settingsOf).get(ruleId);
        if (s == null) {
            return true;
        }
        StringBuilder values = new StringBuilder();
        for (String field : s.groupBy()) {
            Object v = event.get(field);
            values.append(field).append('=').append(v == null ? "" : v).append('\u0001');
        }
        String key = Sql.sha256(values.toString());
        // A new group, or one whose window ended, opens a window and raises; otherwise count and hold back.
        if (store.openWindow(tenantId, ruleId, key, at.plusSeconds(s.windowSeconds()), at)) {
            return true;
        }
        store.countHeldBack(tenantId, ruleId, key);
        return false;
    }
}
