package io.vigil.detection.eventstore.retention;

import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.eventstore.repository.RetentionRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Per-tenant retention of the event store: events older than the tenant's days (else the provider's
 * {@code vigil.detection.retention.default-days}) are deleted by a periodic job, a bounded batch at a time
 * so the store stays responsive.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);
    private static final int BATCH = 10_000;

    private final RetentionRepository store;
    private final CurrentTenant current;
    private final int defaultDays;

    public EventRetention(RetentionRepository store, CurrentTenant current,
            @ConfigProperty(name = "vigil.detection.retention.default-days", defaultValue = "90") int defaultDays) {
        this.store = store;
        this.current = current;
        this.defaultDays = defaultDays;
    }

    @Transactional
    public Map<String, Object> set(UUID tenantId, int days) {
        current.requireVisible(tenantId);
        if (days < 1 || days > 3650) {
            throw new ProblemException.Unprocessable("days must be between 1 and 3650",
                    List.of(new Problem.FieldError("days", "between 1 and 3650")));
        }
        store.setDays(tenantId, days);
        return Map.of("tenantId", tenantId, "days", days);
    }

    @Transactional
    public Map<String, Object> get(UUID tenantId) {
        current.requireVisible(tenantId);
        java.util.Optional<Integer> own = store.days(tenantId);
        return Map.of("tenantId", tenantId, "days", own.orElse(defaultDays), "source", own.isEmpty() ? "PROVIDER" : "TENANT");
    }

    @Scheduled(every = "${vigil.detection.retention.every:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void sweep() {
        current.set(TenantContext.system("event-retention"));
        try {
            long deleted = purge(Instant.now());
            if (deleted > 0) {
                LOG.infof("event retention: %d events past their tenant's retention deleted", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("event retention sweep failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Deletes, as of {@code now}, what every tenant's retention lets go; returns how many events went. */
    public long purge(Instant now) {
        long total = 0;
        while (true) {
            int n = purgeBatch(now);
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    @Transactional
    int purgeBatch(Instant now) {
        return store.purge(now, now.minus(Duration.ofDays(defaultDays)), BATCH);
    }

}
