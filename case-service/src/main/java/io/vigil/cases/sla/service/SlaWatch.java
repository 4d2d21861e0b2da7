package io.vigil.cases.sla.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.cases.sla.CaseClock;
import io.vigil.cases.sla.repository.ClockRepository;
import io.vigil.cases.triage.Case;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Watches every tenant's running clocks: when one reaches its warning share or its target, it is marked and
 * announced ({@code case.sla.at-risk}, {@code case.sla.breached}). Each clock is handled in its own
 * transaction with its case row locked, so a request changing the case at the same moment waits its turn.
 */
@ApplicationScoped
public class SlaWatch {

    private static final Logger LOG = Logger.getLogger(SlaWatch.class);
    private static final int BATCH = 500;

    private final ClockRepository clocks;
    private final SlaClocks sla;
    private final EntityManager em;
    private final CurrentTenant current;
    private final Clock clock;

    public SlaWatch(ClockRepository clocks, SlaClocks sla, EntityManager em, CurrentTenant current, Clock clock) {
        this.clocks = clocks;
        this.sla = sla;
        this.em = em;
        this.current = current;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.cases.sla.watch-every:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void watch() {
        try {
            int n = watchNow(clock.instant());
            if (n > 0) {
                LOG.infof("SLA watch: %d clock(s) reached a warning or a deadline", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("SLA watch failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** One pass at {@code now}; returns how many clocks changed. */
    public int watchNow(Instant now) {
        current.set(TenantContext.system("sla-watch"));
        int changed = 0;
        while (true) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> clocks.due(now, BATCH).stream().map(k -> k.id).toList());
            int before = changed;
            for (UUID id : ids) {
                if (QuarkusTransaction.requiringNew().call(() -> checkOne(id, now))) {
                    changed++;
                }
            }
            if (ids.size() < BATCH || changed == before) {
                return changed;
            }
        }
    }

    private boolean checkOne(UUID clockId, Instant now) {
        CaseClock k = clocks.findById(clockId);
        if (k == null) {
            return false;
        }
        Case c = em.find(Case.class, k.caseId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(k); // as it is now that the case is ours
        return sla.check(c, k, now);
    }
}
