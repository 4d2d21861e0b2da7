package io.vigil.detection.intel.service;

import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorImport;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.intel.repository.IndicatorRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

    private final IndicatorRepository store;
    private final CurrentTenant current;
    private final TenantCache<IndicatorSet> cache = new TenantCache<>(CACHE);

    public IntelService(IndicatorRepository store, CurrentTenant current) {
        this.store = store;
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
            store.upsert(tenantId, i, source, now);
        }
        cache.invalidateAll();
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
        int n = store.delete(tenantId, value, type, source);
        cache.invalidateAll();
        return n;
    }

    /** The indicators a tenant's events are matched against; call inside that tenant's transaction. */
    public IndicatorSet forTenant(UUID tenantId) {
        return cache.get(tenantId, t -> new IndicatorSet(store.forTenant(t)));
    }
}
