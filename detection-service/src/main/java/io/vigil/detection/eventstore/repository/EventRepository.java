package io.vigil.detection.eventstore.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.detection.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<StoredEvent, StoredEvent.Key> {

    /** Stores an event unless it is already there; returns whether it was new. */
    public boolean insertIfAbsent(UUID tenantId, UUID id, Instant ts, Instant receivedAt, String doc) {
        return getEntityManager().createNativeQuery(
                "insert into events (tenant_id, id, ts, received_at, doc) values (?1, ?2, ?3, ?4, cast(?5 as jsonb))"
                        + " on conflict do nothing")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .setParameter(3, Timestamp.from(ts))
                .setParameter(4, Timestamp.from(receivedAt))
                .setParameter(5, doc)
                .executeUpdate() == 1;
    }

    public long countFor(UUID tenantId, UUID id) {
        return count("key.tenantId = ?1 and key.id = ?2", tenantId, id);
    }
}
