package io.vigil.reporting.logsource.repository;

import io.vigil.reporting.logsource.LogSourceFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Log source facts and their silences (the caller's transaction; row-level security applies). */
@ApplicationScoped
public class LogSourceStatements {

    /** One source's silences within a period: how many overlap it, their minutes inside it, the longest. */
    public record SilenceRow(UUID sourceId, long silences, long minutes, long longestMinutes) {
    }

    private final EntityManager em;

    public LogSourceStatements(EntityManager em) {
        this.em = em;
    }

    public LogSourceFact find(UUID id) {
        return em.find(LogSourceFact.class, id);
    }

    public void persist(LogSourceFact f) {
        if (!em.contains(f)) {
            em.persist(f);
        }
    }

    public List<LogSourceFact> ofTenant(UUID tenantId) {
        return em.createQuery("from LogSourceFact where tenantId = ?1 order by name, sourceId", LogSourceFact.class)
                .setParameter(1, tenantId).getResultList();
    }

    /** A day's count of a source: kept if larger than what is there (counts only grow within a day). */
    public void counted(UUID sourceId, UUID tenantId, java.time.LocalDate day, long events, Instant at) {
        em.createNativeQuery("insert into log_source_volumes (source_id, tenant_id, day, events, counted_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (source_id, day) do update set events = excluded.events,"
                + " counted_at = excluded.counted_at where log_source_volumes.events < excluded.events")
                .setParameter(1, sourceId).setParameter(2, tenantId).setParameter(3, day).setParameter(4, events)
                .setParameter(5, at).executeUpdate();
    }

    /**
     * Per source of the tenant, its events in [from, to): the UTC days whose noon is not before {@code from} and that
     * began before {@code to} (a day counted in UTC belongs to the month holding most of it; a month so far counts
     * today's events so far).
     */
    public java.util.Map<UUID, Long> events(UUID tenantId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select source_id, sum(events) from log_source_volumes where tenant_id = ?1"
                + " and day >= cast(?2 as date) - 1 and day <= cast(?3 as date)"
                + " and (day + time '12:00') at time zone 'UTC' >= ?2 and cast(day as timestamp) at time zone 'UTC' < ?3"
                + " group by source_id")
                .setParameter(1, tenantId).setParameter(2, from).setParameter(3, to).getResultList();
        java.util.Map<UUID, Long> out = new java.util.HashMap<>();
        rows.forEach(r -> out.put((UUID) r[0], ((Number) r[1]).longValue()));
        return out;
    }

    /** A silence began (once per start, however often the message comes). */
    public void silenceStarted(UUID sourceId, UUID tenantId, Instant at) {
        em.createNativeQuery("insert into log_source_silences (source_id, tenant_id, started_at) values (?1, ?2, ?3)"
                + " on conflict do nothing").setParameter(1, sourceId).setParameter(2, tenantId).setParameter(3, at)
                .executeUpdate();
    }

    /** The source's open silences end at {@code at}. */
    public void silenceEnded(UUID sourceId, Instant at) {
        em.createNativeQuery("update log_source_silences set ended_at = greatest(started_at, ?2) where source_id = ?1"
                + " and ended_at is null and started_at <= ?2").setParameter(1, sourceId).setParameter(2, at).executeUpdate();
    }

    /** Per source of the tenant, its silences overlapping [from, to), an open one counted until {@code now}. */
    public List<SilenceRow> silences(UUID tenantId, Instant from, Instant to, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select source_id, count(*), coalesce(sum(m), 0), coalesce(max(m), 0)"
                + " from (select source_id, floor(extract(epoch from least(coalesce(ended_at, ?4), ?3) - greatest(started_at, ?2))"
                + " / 60) m from log_source_silences where tenant_id = ?1 and started_at < ?3"
                + " and coalesce(ended_at, ?4) > ?2) s group by source_id")
                .setParameter(1, tenantId).setParameter(2, from).setParameter(3, to).setParameter(4, now).getResultList();
        return rows.stream().map(r -> new SilenceRow((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue())).toList();
    }
}
