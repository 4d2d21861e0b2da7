package io.vigil.detection.baseline.service;

import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.pipeline.alert.AlertFactory;
import io.vigil.detection.engine.baseline.VolumeBaseline;
import io.vigil.detection.support.Sql;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
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

    private final EntityManager em;
    private final CurrentTenant current;
    private final AlertFactory alerts;
    private final VolumeCounter counter;

    public VolumeAnomalies(EntityManager em, CurrentTenant current, AlertFactory alerts, VolumeCounter counter) {
        this.em = em;
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
    @SuppressWarnings("unchecked")
    int[] evaluateBatch(Instant now) {
        List<Object[]> rows = em.createNativeQuery("select b.tenant_id, b.entity_kind, b.entity, b.hour, b.count,"
                + " s.learning_days, s.volume_sigmas, s.volume_min, w.total, w.squares, f.first_hour"
                + " from baseline_volume b join baseline_settings s on s.tenant_id = b.tenant_id"
                + " cross join lateral (select coalesce(sum(h.count), 0) as total,"
                + "   coalesce(sum(cast(h.count as double precision) * h.count), 0) as squares from baseline_volume h"
                + "   where h.tenant_id = b.tenant_id and h.entity_kind = b.entity_kind and h.entity = b.entity"
                + "   and h.hour >= b.hour - make_interval(days => s.learning_days) and h.hour < b.hour) w"
                + " cross join lateral (select min(h.hour) as first_hour from baseline_volume h"
                + "   where h.tenant_id = b.tenant_id and h.entity_kind = b.entity_kind and h.entity = b.entity) f"
                + " where not b.evaluated and b.hour <= cast(:now as timestamptz) - interval '1 hour'"
                + " order by b.hour limit " + BATCH).setParameter("now", Timestamp.from(now)).getResultList();
        int raised = 0;
        List<Object[]> judged = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            UUID tenantId = (UUID) r[0];
            String kind = (String) r[1];
            String entity = (String) r[2];
            Instant hour = Sql.instant(r[3]);
            long count = ((Number) r[4]).longValue();
            int learningDays = ((Number) r[5]).intValue();
            Instant firstHour = Sql.instant(r[10]);
            long hours = learningDays * 24L;
            boolean learned = !firstHour.isAfter(hour.minusSeconds(hours * 3600));
            if (learned) {
                VolumeBaseline.Verdict v = new VolumeBaseline(((Number) r[6]).doubleValue(), ((Number) r[7]).longValue())
                        .judge(count, hours, ((Number) r[8]).doubleValue(), ((Number) r[9]).doubleValue());
                if (v.anomalous()) {
                    alerts.volume(tenantId, kind, entity, hour, count, v, learningDays);
                    raised++;
                }
            }
            judged.add(new Object[] {tenantId, kind, entity, Timestamp.from(hour)});
        }
        markJudged(judged);
        return new int[] {rows.size(), raised};
    }

    /** Marks the batch's hours judged, in one statement. */
    private void markJudged(List<Object[]> hours) {
        if (hours.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("update baseline_volume b set evaluated = true"
                    + " from unnest(?, ?, ?, ?) as u(t, k, e, h)"
                    + " where b.tenant_id = u.t and b.entity_kind = u.k and b.entity = u.e and b.hour = u.h")) {
                ps.setArray(1, conn.createArrayOf("uuid", hours.stream().map(h -> h[0]).toArray()));
                ps.setArray(2, conn.createArrayOf("text", hours.stream().map(h -> h[1]).toArray()));
                ps.setArray(3, conn.createArrayOf("text", hours.stream().map(h -> h[2]).toArray()));
                ps.setArray(4, conn.createArrayOf("timestamptz", hours.stream().map(h -> h[3]).toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Hours judged and older than every learning window they can serve are deleted. */
    @Transactional
    public int forgetOldHours() {
        return em.createNativeQuery("delete from baseline_volume b using baseline_settings s where s.tenant_id = b.tenant_id"
                + " and b.evaluated and b.hour < now() - make_interval(days => s.learning_days + 2)").executeUpdate();
    }
}
