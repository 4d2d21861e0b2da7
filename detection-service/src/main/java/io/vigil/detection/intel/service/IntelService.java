package io.vigil.detection.intel.service;

import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorImport;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.support.Sql;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imports indicator sets (STIX 2.x bundles, plain lists) provider-wide or for one tenant, and gives the
 * detection path the compiled set a tenant's events are matched against (provider-wide plus its own),
 * cached for a short while and dropped on every import.
 */
@ApplicationScoped
public class IntelService {

    static final Duration CACHE = Duration.ofSeconds(60);

    /** The outcome of an import. */
    public record Imported(int imported, List<String> skipped, UUID tenantId) {
    }

    private record Cached(IndicatorSet set, Instant at) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public IntelService(EntityManager em, CurrentTenant current) {
        this.em = em;
        this.current = current;
    }

    @Transactional
    public Imported importIndicators(String format, String body, UUID tenantId, String source) {
        TenantContext ctx = current.get();
        if (tenantId == null && !ctx.allTenants()) {
            throw new ProblemException.Forbidden("provider-wide indicators need staff assigned to every tenant; name a tenantId");
        }
        if (tenantId != null && !ctx.allows(tenantId)) {
            throw new ProblemException.NotFound("no tenant " + tenantId);
        }
        IndicatorImport.Result r;
        try {
            r = switch (format == null ? "" : format) {
                case "stix" -> IndicatorImport.stix(body, source);
                case "list" -> IndicatorImport.list(body, source);
                default -> throw new ProblemException.BadRequest("format must be stix or list");
            };
        } catch (IOException e) {
            throw new ProblemException.BadRequest("the body is not a STIX bundle: " + e.getMessage());
        }
        Instant now = Instant.now();
        for (Indicator i : r.indicators()) {
            em.createNativeQuery("insert into indicators (id, tenant_id, type, value, name, source, context, valid_from,"
                            + " valid_until, imported_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            + " on conflict (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'), type, value, source)"
                            + " do update set name = excluded.name, context = excluded.context, valid_from = excluded.valid_from,"
                            + " valid_until = excluded.valid_until, imported_at = excluded.imported_at")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, tenantId)
                    .setParameter(3, i.type().name())
                    .setParameter(4, i.value())
                    .setParameter(5, i.name())
                    .setParameter(6, source)
                    .setParameter(7, i.context())
                    .setParameter(8, i.validFrom() == null ? null : Timestamp.from(i.validFrom()))
                    .setParameter(9, i.validUntil() == null ? null : Timestamp.from(i.validUntil()))
                    .setParameter(10, Timestamp.from(now))
                    .executeUpdate();
        }
        cache.clear();
        return new Imported(r.indicators().size(), r.skipped(), tenantId);
    }

    /**
     * Deletes indicators by value (and type, and source, when given): provider-wide ones without
     * {@code tenantId} (staff assigned to every tenant only), else the tenant's own. Returns how many went.
     */
    @Transactional
    public int delete(UUID tenantId, String value, String type, String source) {
        TenantContext ctx = current.get();
        if (value == null || value.isBlank()) {
            throw new ProblemException.BadRequest("name the indicator to delete with value (and optionally type, source)");
        }
        if (tenantId == null && !ctx.allTenants()) {
            throw new ProblemException.Forbidden("provider-wide indicators need staff assigned to every tenant; name a tenantId");
        }
        if (tenantId != null && !ctx.allows(tenantId)) {
            throw new ProblemException.NotFound("no tenant " + tenantId);
        }
        int n = em.createNativeQuery("delete from indicators where tenant_id is not distinct from ?1 and value = ?2"
                        + " and (cast(?3 as text) is null or type = ?3) and (cast(?4 as text) is null or source = ?4)")
                .setParameter(1, tenantId).setParameter(2, value.strip())
                .setParameter(3, type == null ? null : type.toUpperCase(java.util.Locale.ROOT)).setParameter(4, source)
                .executeUpdate();
        cache.clear();
        return n;
    }

    /** The indicators a tenant's events are matched against; call inside that tenant's transaction. */
    public IndicatorSet forTenant(UUID tenantId) {
        Cached c = cache.get(tenantId);
        if (c != null && c.at().plus(CACHE).isAfter(Instant.now())) {
            return c.set();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select type, value, name, source, context, valid_from, valid_until"
                + " from indicators where tenant_id is null or tenant_id = ?1").setParameter(1, tenantId).getResultList();
        List<Indicator> list = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            list.add(new Indicator(Indicator.Type.valueOf((String) r[0]), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], Sql.instant(r[5]), Sql.instant(r[6])));
        }
        IndicatorSet set = new IndicatorSet(list);
        cache.put(tenantId, new Cached(set, Instant.now()));
        return set;
    }
}
