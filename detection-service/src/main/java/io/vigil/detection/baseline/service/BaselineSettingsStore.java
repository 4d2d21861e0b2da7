package io.vigil.detection.baseline.service;

import io.vigil.detection.baseline.repository.BaselineRepository;
import io.vigil.detection.baseline.rest.BaselineSettings;
import io.vigil.detection.baseline.rest.BaselineStatus;
import io.vigil.detection.baseline.rest.LearnedFact;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Per-tenant baseline settings and status; read on every stream entry through a short cache. */
@ApplicationScoped
public class BaselineSettingsStore {

    static final List<String> DEFAULT_KINDS = List.of("logon-source", "parent-child", "admin-tool");

    /** The settings as detection uses them. */
    public record Settings(boolean enabled, int learningDays, Set<Observation.Kind> kinds, double sigmas, long minCount,
            Instant learningSince) {

        /** When learning ends (event time), or null before the tenant's first event. */
        public Instant learningUntil() {
            return learningSince == null ? null : learningSince.plus(Duration.ofDays(learningDays));
        }
    }

    private final BaselineRepository store;
    private final CurrentTenant current;
    private final TenantCache<Settings> cache = new TenantCache<>(Duration.ofSeconds(5));

    public BaselineSettingsStore(BaselineRepository store, CurrentTenant current) {
        this.store = store;
        this.current = current;
    }

    /**
     * The tenant's settings for a batch of events whose earliest time is {@code earliest}; the tenant's
     * first events start its learning period.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Settings forEvents(UUID tenantId, Instant earliest) {
        Settings s = cache.get(tenantId, this::load);
        if (s == null || s.learningSince() == null) {
            store.startLearning(tenantId, earliest);
            cache.invalidate(tenantId);
            s = cache.get(tenantId, this::load);
        }
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
        facts.putAll(store.factCounts(tenantId));
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
        store.upsertSettings(tenantId, b.enabled(), b.learningDays(), kinds.stream().map(Observation.Kind::id).toList(),
                b.volumeSigmas(), b.volumeMinCount());
        cache.invalidate(tenantId);
        return status(tenantId);
    }

    /** The facts the tenant's baselines learned, of one kind or all, by kind, entity and value. */
    @Transactional
    /** One page of what the baseline learned of the tenant; {@code cursor} from the previous page. */
    public io.vigil.platform.tenancy.Page<LearnedFact> facts(UUID tenantId, String kind, String entity, String cursor,
            int limit) {
        current.requireVisible(tenantId);
        io.vigil.detection.baseline.repository.BaselineRepository.FactRow after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] p = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8).split("\n", 3);
                after = new io.vigil.detection.baseline.repository.BaselineRepository.FactRow(p[0], p[1], p[2], null);
            } catch (RuntimeException e) {
                throw new io.vigil.platform.errors.ProblemException.BadRequest("cursor is not one this API gave out");
            }
        }
        List<io.vigil.detection.baseline.repository.BaselineRepository.FactRow> rows = store.facts(tenantId, kind, entity, after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            io.vigil.detection.baseline.repository.BaselineRepository.FactRow last = rows.get(limit - 1);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((last.kind() + "\n" + last.entity()
                    + "\n" + last.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new io.vigil.platform.tenancy.Page<>(rows.stream()
                .map(r -> new LearnedFact(r.kind(), r.entity(), r.value(), r.firstSeen())).toList(), next);
    }

    private Settings load(UUID tenantId) {
        return store.settings(tenantId).map(r -> new Settings(r.enabled(), r.learningDays(), kinds(r.kinds()), r.sigmas(),
                r.minCount(), r.startedAt())).orElse(null);
    }

    static Set<Observation.Kind> kinds(List<String> ids) {
        Set<Observation.Kind> kinds = EnumSet.noneOf(Observation.Kind.class);
        for (String id : ids) {
            kinds.add(Observation.Kind.of(id.trim()));
        }
        return kinds;
    }
}
