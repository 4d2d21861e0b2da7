package io.vigil.detection.baseline.repository;

import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The SQL of baselines: each tenant's settings and learning start, the facts it has seen (first seen),
 * and its hourly event volumes per host and user with their judgement.
 */
@ApplicationScoped
public class BaselineRepository {

    /** A tenant's settings as stored; {@code startedAt} is when its learning began (its first events). */
    public record SettingsRow(boolean enabled, int learningDays, List<String> kinds, double sigmas, long minCount,
            Instant startedAt) {
    }

    /** A learned fact. */
    public record FactRow(String kind, String entity, String value, Instant firstSeen) {
    }

    /** An hour's count of one host's or user's events, to add. */
    public record VolumeCount(UUID tenantId, String entityKind, String entity, Instant hour, long count) {
    }

    /**
     * An hour not judged yet, with what judging it needs: the tenant's settings, the sum and the sum of
     * squares of the entity's counts over the learning window before it, and the entity's first hour.
     */
    public record DueHour(UUID tenantId, String entityKind, String entity, Instant hour, long count, int learningDays,
            double sigmas, long minCount, double total, double squares, Instant firstHour) {
    }

    private final EntityManager em;

    public BaselineRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SettingsRow> settings(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select enabled, learning_days, array_to_string(kinds, ','), volume_sigmas,"
                + " volume_min, started_at from baseline_settings where tenant_id = :t").setParameter("t", tenantId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        String k = (String) r[2];
        return Optional.of(new SettingsRow((Boolean) r[0], ((Number) r[1]).intValue(),
                k.isEmpty() ? List.of() : List.of(k.split(",")), ((Number) r[3]).doubleValue(), ((Number) r[4]).longValue(),
                Sql.instant(r[5])));
    }

    /** Starts the tenant's learning at {@code earliest}, unless it started already. */
    public void startLearning(UUID tenantId, Instant earliest) {
        em.createNativeQuery("insert into baseline_settings (tenant_id, started_at, updated_at) values (:t, :s, now())"
                + " on conflict (tenant_id) do update set started_at = excluded.started_at"
                + " where baseline_settings.started_at is null")
                .setParameter("t", tenantId).setParameter("s", Timestamp.from(earliest)).executeUpdate();
    }

    public void upsertSettings(UUID tenantId, boolean enabled, int learningDays, List<String> kinds, double sigmas,
            int minCount) {
        em.createNativeQuery("insert into baseline_settings (tenant_id, enabled, learning_days, kinds, volume_sigmas,"
                + " volume_min, updated_at) values (:t, :e, :d, cast(:k as text[]), :s, :m, now())"
                + " on conflict (tenant_id) do update set enabled = excluded.enabled, learning_days = excluded.learning_days,"
                + " kinds = excluded.kinds, volume_sigmas = excluded.volume_sigmas, volume_min = excluded.volume_min,"
                + " updated_at = now()")
                .setParameter("t", tenantId).setParameter("e", enabled).setParameter("d", learningDays)
                .setParameter("k", Sql.textArray(kinds)).setParameter("s", sigmas).setParameter("m", minCount)
                .executeUpdate();
    }

    /** How many facts the tenant learned, per kind. */
    public Map<String, Long> factCounts(UUID tenantId) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("select kind, count(*) from baseline_seen where tenant_id = :t group by kind")
                .setParameter("t", tenantId).getResultList()) {
            Object[] r = (Object[]) row;
            out.put((String) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }

    /** The facts of one kind, or one entity, or all, by kind, entity and value. */
    /** One page of the tenant's learned facts in (kind, entity, value) order, after {@code after} when given. */
    public List<FactRow> facts(UUID tenantId, String kind, String entity, FactRow after, int limit) {
        Query q = em.createNativeQuery("select kind, entity, value, first_seen from baseline_seen where tenant_id = :t"
                + (kind == null ? "" : " and kind = :k") + (entity == null ? "" : " and entity = :e")
                + (after == null ? "" : " and (kind, entity, value) > (:ak, :ae, :av)")
                + " order by kind, entity, value limit " + limit).setParameter("t", tenantId);
        if (after != null) {
            q.setParameter("ak", after.kind()).setParameter("ae", after.entity()).setParameter("av", after.value());
        }
        if (kind != null) {
            q.setParameter("k", kind);
        }
        if (entity != null) {
            q.setParameter("e", entity.toLowerCase(Locale.ROOT));
        }
        List<FactRow> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new FactRow((String) r[0], (String) r[1], (String) r[2], Sql.instant(r[3])));
        }
        return out;
    }

    /** Stores the facts not seen before (one statement); returns those it stored. */
    public Set<Observation> insertSeen(UUID tenantId, List<Observation> facts, List<Instant> firstSeen) {
        Set<Observation> inserted = new HashSet<>();
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("insert into baseline_seen (tenant_id, kind, entity, value,"
                    + " first_seen) select ?, k, e, v, f from unnest(?, ?, ?, ?) as u(k, e, v, f)"
                    + " on conflict do nothing returning kind, entity, value")) {
                ps.setObject(1, tenantId);
                ps.setArray(2, conn.createArrayOf("text", facts.stream().map(f -> f.kind().id()).toArray()));
                ps.setArray(3, conn.createArrayOf("text", facts.stream().map(Observation::entity).toArray()));
                ps.setArray(4, conn.createArrayOf("text", facts.stream().map(Observation::value).toArray()));
                ps.setArray(5, conn.createArrayOf("timestamptz", firstSeen.stream().map(Timestamp::from).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(new Observation(Observation.Kind.of(rs.getString(1)), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        });
        return inserted;
    }

    /** Adds hourly counts (one statement; give them in key order so concurrent writers lock rows alike). */
    public void addVolumes(List<VolumeCount> counts) {
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("insert into baseline_volume (tenant_id, entity_kind,"
                    + " entity, hour, count) select t, k, e, h, c from unnest(?, ?, ?, ?, ?) as u(t, k, e, h, c)"
                    + " on conflict (tenant_id, entity_kind, entity, hour) do update"
                    + " set count = baseline_volume.count + excluded.count")) {
                ps.setArray(1, conn.createArrayOf("uuid", counts.stream().map(VolumeCount::tenantId).toArray()));
                ps.setArray(2, conn.createArrayOf("text", counts.stream().map(VolumeCount::entityKind).toArray()));
                ps.setArray(3, conn.createArrayOf("text", counts.stream().map(VolumeCount::entity).toArray()));
                ps.setArray(4, conn.createArrayOf("timestamptz", counts.stream().map(c -> Timestamp.from(c.hour())).toArray()));
                ps.setArray(5, conn.createArrayOf("bigint", counts.stream().map(VolumeCount::count).toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Up to {@code limit} complete hours (ended an hour before {@code now}) not judged yet, oldest first. */
    @SuppressWarnings("unchecked")
    public List<DueHour> dueHours(Instant now, int limit) {
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
                + " order by b.hour limit " + limit).setParameter("now", Timestamp.from(now)).getResultList();
        List<DueHour> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new DueHour((UUID) r[0], (String) r[1], (String) r[2], Sql.instant(r[3]), ((Number) r[4]).longValue(),
                    ((Number) r[5]).intValue(), ((Number) r[6]).doubleValue(), ((Number) r[7]).longValue(),
                    ((Number) r[8]).doubleValue(), ((Number) r[9]).doubleValue(), Sql.instant(r[10])));
        }
        return out;
    }

    /** Marks the hours judged, in one statement. */
    public void markJudged(List<DueHour> hours) {
        if (hours.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("update baseline_volume b set evaluated = true"
                    + " from unnest(?, ?, ?, ?) as u(t, k, e, h)"
                    + " where b.tenant_id = u.t and b.entity_kind = u.k and b.entity = u.e and b.hour = u.h")) {
                ps.setArray(1, conn.createArrayOf("uuid", hours.stream().map(DueHour::tenantId).toArray()));
                ps.setArray(2, conn.createArrayOf("text", hours.stream().map(DueHour::entityKind).toArray()));
                ps.setArray(3, conn.createArrayOf("text", hours.stream().map(DueHour::entity).toArray()));
                ps.setArray(4, conn.createArrayOf("timestamptz", hours.stream().map(h -> Timestamp.from(h.hour())).toArray()));
                ps.executeUpdate();
            }
        });
    }

    /** Deletes judged hours older than every learning window they can serve (two days of slack). */
    public int forgetOldHours() {
        return em.createNativeQuery("delete from baseline_volume b using baseline_settings s where s.tenant_id = b.tenant_id"
                + " and b.evaluated and b.hour < now() - make_interval(days => s.learning_days + 2)").executeUpdate();
    }
}
