package io.vigil.detection.baseline.service;

import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.baseline.repository.BaselineRepository;
import io.vigil.detection.engine.baseline.VolumeBaseline;
import io.vigil.detection.pipeline.alert.AlertFactory;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Judges each finished hour of each host and user against its learned hourly volume (the tenant's
 * learning window before that hour), raising an alert for an unusual hour. An hour is judged once; an
 * entity observed for less than the learning period is not judged yet.
 */
@ApplicationScoped
public class VolumeAnomalies {

    private static final Logger LOG = Logger.getLogger(VolumeAnomalies.class);
    private static final int BATCH = 2_000;

    private final BaselineRepository store;
    private final CurrentTenant current;
    private final AlertFactory alerts;
    private final VolumeCounter counter;

    public VolumeAnomalies(BaselineRepository store, CurrentTenant current, AlertFactory alerts, VolumeCounter counter) {
        this.store = store;
        this.counter = counter;
        this.current = current;
        this.alerts = alerts;
    }

    @Scheduled(every = "${vigil.detection.baselines.evaluate-every:5m}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        current.set(TenantContext.system("volume-baselines"));
        try {
            int raised = evaluate(Instant.now());
            if (raised > 0) {
                LOG.infof("volume baselines: %d unusual hours raised", raised);
            }
            forgetOldHours();
        } catch (RuntimeException e) {
            LOG.warnf("volume baseline evaluation failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Judges every hour finished by {@code now} and not judged yet; returns how many alerts were raised. */
    public int evaluate(Instant now) {
        counter.flush(); // this instance's latest counts first
        int raised = 0;
        while (true) {
            int[] batch = evaluateBatch(now);
            raised += batch[1];
            if (batch[0] < BATCH) {
                return raised;
            }
        }
    }

    /** One batch of hours: {judged, raised}. */
    @Transactional
    int[] evaluateBatch(Instant now) {
        List<BaselineRepository.DueHour> rows = store.dueHours(now, BATCH);
        int raised = 0;
        for (BaselineRepository.DueHour r : rows) {
            long hours = r.learningDays() * 24L;
            boolean learned = !r.firstHour().isAfter(r.hour().minusSeconds(hours * 3600));
            if (learned) {
                VolumeBaseline.Verdict v = new VolumeBaseline(r.sigmas(), r.minCount())
                        .judge(r.count(), hours, r.total(), r.squares());
                if (v.anomalous()) {
                    alerts.volume(r.tenantId(), r.entityKind(), r.entity(), r.hour(), r.count(), v, r.learningDays());
                    raised++;
                }
            }
        }
        store.markJudged(rows);
        return new int[] {rows.size(), raised};
    }

    /** Hours judged and older than every learning window they can serve are deleted. */
    @Transactional
    public int forgetOldHours() {
        return store.forgetOldHours();
    }
}
