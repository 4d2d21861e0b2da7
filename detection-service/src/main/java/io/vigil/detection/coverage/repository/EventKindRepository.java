package io.vigil.detection.coverage.repository;

import io.vigil.detection.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The SQL of the kinds of events each tenant sends, and of the coverage last announced. */
@ApplicationScoped
public class EventKindRepository {

    /** The most field names kept per kind: a client sending ever new names cannot grow a row without end. */
    public static final int MAX_FIELDS = 500;

    /** One kind of one tenant; event id and channel are '' when the events have none. */
    public record KindRow(UUID tenantId, String eventId, String channel, List<String> fields, Instant lastSeen) {
    }

    private final EntityManager em;

    public EventKindRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds the kinds' field names to what is kept and moves their last sighting forward. */
    public void record(List<KindRow> rows) {
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("insert into event_kinds (tenant_id, event_id, channel,"
                    + " fields, first_seen, last_seen) values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, event_id, channel)"
                    + " do update set fields = (select coalesce(array_agg(f order by f), '{}') from (select distinct f"
                    + " from unnest(event_kinds.fields || excluded.fields) f limit " + MAX_FIELDS + ") d),"
                    + " last_seen = greatest(event_kinds.last_seen, excluded.last_seen)")) {
                for (KindRow r : rows) {
                    ps.setObject(1, r.tenantId());
                    ps.setString(2, r.eventId());
                    ps.setString(3, r.channel());
                    ps.setArray(4, conn.createArrayOf("text", r.fields().toArray()));
                    ps.setTimestamp(5, Timestamp.from(r.lastSeen()));
                    ps.setTimestamp(6, Timestamp.from(r.lastSeen()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The tenant's kinds seen since the instant. */
    @SuppressWarnings("unchecked")
    public List<KindRow> kinds(UUID tenantId, Instant since) {
        List<Object[]> rows = em.createNativeQuery("select event_id, channel, fields, last_seen from event_kinds"
                + " where tenant_id = :t and last_seen >= :since order by event_id, channel")
                .setParameter("t", tenantId).setParameter("since", Timestamp.from(since)).getResultList();
        List<KindRow> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new KindRow(tenantId, (String) r[0], (String) r[1], List.of((String[]) r[2]), Sql.instant(r[3])));
        }
        return out;
    }

    /** Tenants that sent events since the instant, or were told a coverage before (a coverage can shrink to none). */
    @SuppressWarnings("unchecked")
    public List<UUID> tenants(Instant since) {
        return em.createNativeQuery("select tenant_id from event_kinds where last_seen >= :since"
                + " union select tenant_id from coverage_announcements order by 1")
                .setParameter("since", Timestamp.from(since)).getResultList();
    }

    /** The digest of the coverage last announced for the tenant, or null. */
    @SuppressWarnings("unchecked")
    public String announced(UUID tenantId) {
        List<String> r = em.createNativeQuery("select digest from coverage_announcements where tenant_id = :t")
                .setParameter("t", tenantId).getResultList();
        return r.isEmpty() ? null : r.get(0);
    }

    public void announce(UUID tenantId, String digest, Instant at) {
        em.createNativeQuery("insert into coverage_announcements (tenant_id, digest, announced_at) values (:t, :d, :at)"
                + " on conflict (tenant_id) do update set digest = excluded.digest, announced_at = excluded.announced_at")
                .setParameter("t", tenantId).setParameter("d", digest).setParameter("at", Timestamp.from(at)).executeUpdate();
    }
}
