package io.vigil.detection.baseline.service;

import io.vigil.detection.baseline.rest.BaselineSettings;
import io.vigil.detection.baseline.rest.BaselineStatus;
import io.vigil.detection.baseline.rest.LearnedFact;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.support.Sql;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Per-tenant baseline settings and status; read on every stream entry through a short cache. */
@ApplicationScoped
public class BaselineSettingsStore {

    private static final long CACHE_MILLIS = 5_000;
    static final List<String> DEFAULT_KINDS = List.of("logon-source", "parent-child", "admin-tool");

    /** The settings as detection uses them. */
    public record Settings(boolean enabled, int learningDays, Set<Observation.Kind> kinds, double sigmas, long minCount,
            Instant learningSince) {

        /** When learning ends (event time), or null before the tenant's first event. */
        public Instant learningUntil() {
            return learningSince == null ? null : learningSince.plus(Duration.ofDays(learningDays));
        }
    }

    private record Cached(Settings settings, long at) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public BaselineSettingsStore(EntityManager em, CurrentTenant current) {
        this.em = em;
        this.current = current;
    }

    /**
     * The tenant's settings for a batch of events whose earliest time is {@code earliest}; the tenant's
     * first events start its learning period.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Settings forEvents(UUID tenantId, Instant earliest) {
        Cached c = cache.get(tenantId);
        long now = System.currentTimeMillis();
        if (c != null && now - c.at() <= CACHE_MILLIS && c.settings().learningSince() != null) {
            return c.settings();
        }
        Settings s = load(tenantId);
        if (s == null || s.learningSince() == null) {
            em.createNativeQuery("insert into baseline_settings (tenant_id, started_at, updated_at) values (:t, :s, now())"
                    + " on conflict (tenant_id) do update set started_at = excluded.started_at"
                    + " where baseline_settings.started_at is null")
                    .setParameter("t", tenantId).setParameter("s", Timestamp.from(earliest)).executeUpdate();
            s = load(tenantId);
        }
        cache.put(tenantId, new Cached(s, now));
        return s;
    }

    @Transactional
    public BaselineStatus status(UUID tenantId) {
        current.requireVisible(tenantId);
        Settings s = load(tenantId);
        if (s == null) {
            s = new Settings(true, 14, kinds(DEFAULT_KINDS), 3.0, 100, null);
        }
        Map<String, Long> facts = new LinkedHashMap<>();
        for (Observation.Kind k : Observation.Kind.values()) {
            facts.put(k.id(), 0L);
        }
        for (Object row : em.createNativeQuery("select kind, count(*) from baseline_seen where tenant_id = :t group by kind")
                .setParameter("t", tenantId).getResultList()) {
            Object[] r = (Object[]) row;
            facts.put((String) r[0], ((Number) r[1]).longValue());
        }
        Instant until = s.learningUntil();
        return new BaselineStatus(tenantId, new BaselineSettings(s.enabled(), s.learningDays(),
                s.kinds().stream().map(Observation.Kind::id).toList(), s.sigmas(), (int) s.minCount()),
                s.learningSince(), until, until == null || Instant.now().isBefore(until), facts);
    }

    @Transactional
    public BaselineStatus set(UUID tenantId, BaselineSettings b) {
        current.requireVisible(tenantId);
        Set<Observation.Kind> kinds;
        try {
            kinds = kinds(b.kinds());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Unprocessable(e.getMessage(), List.of(new Problem.FieldError("kinds",
                    "each of logon-source, process, parent-child, admin-tool")));
        }
        em.createNativeQuery("insert into baseline_settings (tenant_id, enabled, learning_days, kinds, volume_sigmas,"
                + " volume_min, updated_at) values (:t, :e, :d, cast(:k as text[]), :s, :m, now())"
                + " on conflict (tenant_id) do update set enabled = excluded.enabled, learning_days = excluded.learning_days,"
                + " kinds = excluded.kinds, volume_sigmas = excluded.volume_sigmas, volume_min = excluded.volume_min,"
                + " updated_at = now()")
                .setParameter("t", tenantId).setParameter("e", b.enabled()).setParameter("d", b.learningDays())
                .setParameter("k", Sql.textArray(kinds.stream().map(Observation.Kind::id).toList()))
                .setParameter("s", b.volumeSigmas()).setParameter("m", b.volumeMinCount()).executeUpdate();
        cache.remove(tenantId);
        return status(tenantId);
    }

    /** The facts the tenant's baselines learned, of one kind or all, by kind, entity and value. */
    @Transactional
    public List<LearnedFact> facts(UUID tenantId, String kind, String entity, int limit) {
        current.requireVisible(tenantId);
        Query q = em.createNativeQuery("select kind, entity, value, first_seen from baseline_seen where tenant_id = :t"
                + (kind == null ? "" : " and kind = :k") + (entity == null ? "" : " and entity = :e")
                + " order by kind, entity, value limit " + limit).setParameter("t", tenantId);
        if (kind != null) {
            q.setParameter("k", kind);
        }
        if (entity != null) {
            q.setParameter("e", entity.toLowerCase(java.util.Locale.ROOT));
        }
        List<LearnedFact> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new LearnedFact((String) r[0], (String) r[1], (String) r[2], Sql.instant(r[3])));
        }
        return out;
    }

    private Settings load(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select enabled, learning_days, array_to_string(kinds, ','), volume_sigmas,"
                + " volume_min, started_at from baseline_settings where tenant_id = :t").setParameter("t", tenantId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        String k = (String) r[2];
        return new Settings((Boolean) r[0], ((Number) r[1]).intValue(), kinds(k.isEmpty() ? List.of() : List.of(k.split(","))),
                ((Number) r[3]).doubleValue(), ((Number) r[4]).longValue(), Sql.instant(r[5]));
    }

    static Set<Observation.Kind> kinds(List<String> ids) {
        Set<Observation.Kind> kinds = EnumSet.noneOf(Observation.Kind.class);
        for (String id : ids) {
            kinds.add(Observation.Kind.of(id.trim()));
        }
        return kinds;
    }
}
