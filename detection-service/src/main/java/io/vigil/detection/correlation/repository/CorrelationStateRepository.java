package io.vigil.detection.correlation.repository;

import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.correlation.CorrelationState;
import io.vigil.detection.engine.correlation.CorrelationStore;
import io.vigil.detection.support.Sql;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Correlation state in PostgreSQL, one row per tenant, correlation and group, changed under a row lock in
 * the transaction that stores the event: a window survives restarts, two instances never lose each
 * other's matches, and a rolled-back event leaves no trace in any window. Row-level security keeps tenants
 * apart on top of the tenant in the key.
 */
@ApplicationScoped
public class CorrelationStateRepository implements CorrelationStore {

    private static final Logger LOG = Logger.getLogger(CorrelationStateRepository.class);

    private final EntityManager em;
    private final CurrentTenant current;

    public CorrelationStateRepository(EntityManager em, CurrentTenant current) {
        this.em = em;
        this.current = current;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T update(String tenant, CorrelationRule rule, String groupKey, Function<CorrelationState, T> change) {
        UUID tenantId = UUID.fromString(tenant);
        String key = groupKey.length() <= 200 ? groupKey : "sha256:" + Sql.sha256(groupKey);
        // One statement creates the row or, when it exists, locks it (a no-op update) and returns its state.
        String json = (String) em.createNativeQuery("insert into correlation_state (tenant_id, correlation_id, group_key,"
                + " state, expires_at) values (:t, :c, :k, cast('{}' as jsonb), now()) on conflict (tenant_id, correlation_id,"
                + " group_key) do update set expires_at = correlation_state.expires_at returning cast(state as text)")
                .setParameter("t", tenantId).setParameter("c", rule.id()).setParameter("k", key).getSingleResult();
        CorrelationState state = CorrelationState.fromJson(json);
        T result = change.apply(state);
        if (state.latest() == null) {
            // Fired (the window starts again) or nothing left in it: nothing to remember.
            em.createNativeQuery("delete from correlation_state where tenant_id = :t and correlation_id = :c and group_key = :k")
                    .setParameter("t", tenantId).setParameter("c", rule.id()).setParameter("k", key).executeUpdate();
        } else {
            em.createNativeQuery("update correlation_state set state = cast(:s as jsonb), expires_at = :e"
                    + " where tenant_id = :t and correlation_id = :c and group_key = :k")
                    .setParameter("s", state.toJson()).setParameter("e", Timestamp.from(Instant.now().plus(rule.timespan())))
                    .setParameter("t", tenantId).setParameter("c", rule.id()).setParameter("k", key).executeUpdate();
        }
        return result;
    }

    /** Forgets windows that saw no match for their whole timespan: they can no longer fire. */
    @Scheduled(every = "${vigil.detection.correlation.expiry-every:10m}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void expire() {
        current.set(TenantContext.system("correlation-expiry"));
        try {
            int n = expireNow();
            if (n > 0) {
                LOG.infof("correlation state: %d idle windows forgotten", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("correlation state expiry failed, retried at the next run: %s", e.getMessage());
        }
    }

    @Transactional
    public int expireNow() {
        return em.createNativeQuery("delete from correlation_state where expires_at < now()").executeUpdate();
    }
}
