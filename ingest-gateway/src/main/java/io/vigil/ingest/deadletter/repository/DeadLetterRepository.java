package io.vigil.ingest.deadletter.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.ingest.deadletter.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeadLetterRepository implements PanacheRepositoryBase<DeadLetter, UUID> {

    /** Newest first, before the keyset position when one is given. */
    public List<DeadLetter> pageBefore(Instant beforeAt, UUID beforeId, int limit) {
        if (beforeAt == null) {
            return find("order by receivedAt desc, id desc").page(0, limit).list();
        }
        return find("receivedAt < ?1 or (receivedAt = ?1 and id < ?2) order by receivedAt desc, id desc",
                beforeAt, beforeId).page(0, limit).list();
    }
}
