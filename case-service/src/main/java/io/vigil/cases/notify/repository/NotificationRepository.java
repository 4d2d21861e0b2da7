package io.vigil.cases.notify.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.notify.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** A rung of the matrix that is due for a case: reached, not yet sent, not given up on. */
    public record Due(UUID caseId, int position) {
    }

    /** The case's notifications, in the matrix's order. */
    public List<Notification> ofCase(UUID caseId) {
        return list("caseId = ?1 order by position", caseId);
    }

    public Notification of(UUID caseId, int position) {
        return find("caseId = ?1 and position = ?2", caseId, position).firstResult();
    }

    /**
     * Unacknowledged open cases whose next rungs are due at {@code now}: the case has waited the rung's minutes,
     * and the rung was never sent (or failed fewer than {@code maxAttempts} times).
     */
    @SuppressWarnings("unchecked")
    public List<Due> due(Instant now, int maxAttempts, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("select c.id, r.position from cases c"
                + " join escalation_rungs r on r.tenant_id = c.tenant_id and r.severity = c.severity"
                + " left join case_notifications n on n.case_id = c.id and n.position = r.position"
                + " where c.acknowledged_at is null and c.status = 'NEW' and c.created_at > cast(?1 as timestamptz) - interval '8 days'"
                + " and c.created_at + make_interval(mins => r.after_minutes) <= ?1"
                + " and (n.id is null or (n.status = 'FAILED' and n.attempts < ?2))"
                + " order by c.created_at, r.position limit ?3")
                .setParameter(1, Timestamp.from(now)).setParameter(2, maxAttempts).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Due((UUID) r[0], ((Number) r[1]).intValue())).toList();
    }
}
