package io.vigil.cases.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.alert.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /** The queue: newest first, optionally of one severity, before the keyset position. */
    public List<Alert> queue(Instant beforeAt, UUID beforeId, Alert.Severity severity, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (beforeAt != null) {
            q.append(" and (detectedAt < :at or (detectedAt = :at and id < :id))");
            p.put("at", beforeAt);
            p.put("id", beforeId);
        }
        if (severity != null) {
            q.append(" and severity = :severity");
            p.put("severity", severity);
        }
        return find(q + " order by detectedAt desc, id desc", p).page(0, limit).list();
    }

    /** The ids of the events the case's alerts were raised on (their {@code alert.raised} eventId). */
    @SuppressWarnings("unchecked")
    public List<UUID> eventIdsOfCase(UUID caseId) {
        List<String> ids = getEntityManager().createNativeQuery("select distinct payload ->> 'eventId' from alerts"
                + " where case_id = ?1 and payload ->> 'eventId' is not null").setParameter(1, caseId).getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }
}
