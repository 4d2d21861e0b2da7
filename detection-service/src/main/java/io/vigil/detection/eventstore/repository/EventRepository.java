package io.vigil.detection.eventstore.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.detection.eventstore.StoredEvent;
import io.vigil.detection.support.Sql;
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

    /** An event to store. */
    public record NewEvent(UUID id, Instant ts, String doc) {
    }

    /**
     * Stores the events of one stream entry in one statement, skipping those already there (a redelivery);
     * returns the ids that were new.
     */
    public java.util.Set<UUID> insertAllIfAbsent(UUID tenantId, Instant receivedAt, java.util.List<NewEvent> batch) {
        java.util.Set<UUID> inserted = new java.util.HashSet<>();
        if (batch.isEmpty()) {
            return inserted;
        }
        StringBuilder sql = new StringBuilder("insert into events (tenant_id, id, ts, received_at, doc) values ");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, cast(? as jsonb))");
        }
        sql.append(" on conflict do nothing returning id");
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(conn -> {
            try (java.sql.PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                int p = 1;
                Timestamp received = Timestamp.from(receivedAt);
                for (NewEvent e : batch) {
                    ps.setObject(p++, tenantId);
                    ps.setObject(p++, e.id());
                    ps.setTimestamp(p++, Timestamp.from(e.ts()));
                    ps.setTimestamp(p++, received);
                    ps.setString(p++, e.doc());
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        return inserted;
    }

    /** One stored event as hunting returns it. */
    public record Row(UUID tenantId, UUID id, Instant ts, Instant receivedAt, String doc) {
    }

    /**
     * The caller's events in [from, to), newest first, after the keyset position, whose fields equal the
     * given values ({@code doc @> {...}}: the flat ECS and source names) and contain the given substrings.
     * The tenant set is in the SQL as well as in row-level security.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<Row> hunt(String tenantSetting, Instant from, Instant to, String equals,
            java.util.Map<String, String> contains, Instant beforeTs, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select tenant_id, id, ts, received_at, doc::text from events"
                + " where ts >= :from and ts < :to"
                + " and (:tenants = '*' or tenant_id = any (cast(string_to_array(:tenants, ',') as uuid[])))");
        if (equals != null) {
            sql.append(" and doc @> cast(:eq as jsonb)");
        }
        if (beforeTs != null) {
            sql.append(" and (ts < :bts or (ts = :bts and id < :bid))");
        }
        for (int k = 0; k < contains.size(); k++) {
            sql.append(" and doc ->> :k").append(k).append(" ilike :v").append(k);
        }
        sql.append(" order by ts desc, id desc limit ").append(limit);
        jakarta.persistence.Query q = getEntityManager().createNativeQuery(sql.toString())
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to))
                .setParameter("tenants", tenantSetting);
        if (equals != null) {
            q.setParameter("eq", equals);
        }
        if (beforeTs != null) {
            q.setParameter("bts", Timestamp.from(beforeTs)).setParameter("bid", beforeId);
        }
        int k = 0;
        for (java.util.Map.Entry<String, String> c : contains.entrySet()) {
            q.setParameter("k" + k, c.getKey()).setParameter("v" + k, "%" + c.getValue().replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
            k++;
        }
        java.util.List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Row((UUID) r[0], (UUID) r[1], Sql.instant(r[2]), Sql.instant(r[3]), (String) r[4]))
                .toList();
    }

    /** The caller's events with these ids, newest first; a time bound, when given, prunes partitions. */
    @SuppressWarnings("unchecked")
    public java.util.List<Row> byId(String tenantSetting, java.util.Set<UUID> ids, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("select tenant_id, id, ts, received_at, doc::text from events"
                + " where id = any (cast(string_to_array(:ids, ',') as uuid[]))"
                + " and (:tenants = '*' or tenant_id = any (cast(string_to_array(:tenants, ',') as uuid[])))");
        if (from != null) {
            sql.append(" and ts >= :from");
        }
        if (to != null) {
            sql.append(" and ts < :to");
        }
        sql.append(" order by ts desc, id desc");
        jakarta.persistence.Query q = getEntityManager().createNativeQuery(sql.toString())
                .setParameter("ids", String.join(",", ids.stream().map(UUID::toString).toList()))
                .setParameter("tenants", tenantSetting);
        if (from != null) {
            q.setParameter("from", Timestamp.from(from));
        }
        if (to != null) {
            q.setParameter("to", Timestamp.from(to));
        }
        java.util.List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Row((UUID) r[0], (UUID) r[1], Sql.instant(r[2]), Sql.instant(r[3]), (String) r[4]))
                .toList();
    }
}
