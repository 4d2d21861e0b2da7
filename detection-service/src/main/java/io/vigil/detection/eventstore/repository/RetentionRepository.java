package io.vigil.detection.eventstore.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** The SQL of how long events are kept: each tenant's retention, the purge, and the daily partitions. */
@ApplicationScoped
public class RetentionRepository {

    /** How a day's partition is named: {@code events_pYYYYMMDD}. */
    public static final DateTimeFormatter PARTITION_NAME = DateTimeFormatter.ofPattern("'events_p'yyyyMMdd");

    private final EntityManager em;

    public RetentionRepository(EntityManager em) {
        this.em = em;
    }

    public void setDays(UUID tenantId, int days) {
        em.createNativeQuery("insert into event_retention (tenant_id, days, updated_at) values (:t, :d, now())"
                + " on conflict (tenant_id) do update set days = excluded.days, updated_at = now()")
                .setParameter("t", tenantId).setParameter("d", days).executeUpdate();
    }

    /** The tenant's own retention in days, when it has one. */
    public Optional<Integer> days(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select days from event_retention where tenant_id = :t")
                .setParameter("t", tenantId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).intValue());
    }

    /** The longest retention any tenant set, if any did. */
    public OptionalInt longestDays() {
        Number max = (Number) em.createNativeQuery("select max(days) from event_retention").getSingleResult();
        return max == null ? OptionalInt.empty() : OptionalInt.of(max.intValue());
    }

    /** Deletes up to {@code limit} events past their tenant's retention (or {@code defaultCutoff}); how many went. */
    public int purge(Instant now, Instant defaultCutoff, int limit) {
        return em.createNativeQuery("delete from events e using (select e2.tenant_id, e2.id, e2.ts from events e2"
                + " left join event_retention r on r.tenant_id = e2.tenant_id"
                + " where e2.ts < coalesce(cast(:now as timestamptz) - make_interval(days => r.days), :cutoff)"
                + " limit " + limit + ") old where e.tenant_id = old.tenant_id and e.id = old.id and e.ts = old.ts")
                .setParameter("now", Timestamp.from(now)).setParameter("cutoff", Timestamp.from(defaultCutoff))
                .executeUpdate();
    }

    /** Creates the day's partition if absent (as the owner, through ensure_event_partition); its row count. */
    public long ensurePartition(LocalDate day) {
        return ((Number) em.createNativeQuery("select ensure_event_partition(cast(:d as date))")
                .setParameter("d", day.toString()).getSingleResult()).longValue();
    }

    /** The days that have their own partition, oldest first. */
    public List<LocalDate> partitionDays() {
        List<LocalDate> days = new ArrayList<>();
        for (Object name : em.createNativeQuery("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                + " where i.inhparent = cast('events' as regclass) and c.relname ~ '^events_p[0-9]{8}$' order by c.relname")
                .getResultList()) {
            days.add(LocalDate.parse((String) name, PARTITION_NAME));
        }
        return days;
    }

    /** Drops the day's partition (as the owner, through drop_event_partition). */
    public void dropPartition(LocalDate day) {
        em.createNativeQuery("select drop_event_partition(cast(:d as date))").setParameter("d", day.toString())
                .getSingleResult();
    }
}
