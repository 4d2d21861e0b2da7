package io.vigil.tenant.asset.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.mapping.AssetMapper;
import io.vigil.tenant.asset.repository.AssetRepository;
import io.vigil.tenant.asset.rest.AssetRequest;
import io.vigil.tenant.asset.rest.AssetResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AssetService {

    private final AssetRepository assets;
    private final CurrentTenant current;

    public AssetService(AssetRepository assets, CurrentTenant current) {
        this.assets = assets;
        this.current = current;
    }

    @Transactional
    public AssetResponse create(AssetRequest req) {
        UUID tenantId = targetTenant(req.tenantId());
        if (assets.hostnameTaken(tenantId, req.hostname())) {
            throw new ProblemException.Conflict("tenant already has an asset with hostname '" + req.hostname() + "'");
        }
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.tenantId = tenantId;
        a.hostname = req.hostname().trim();
        a.ip = req.ip();
        a.criticality = req.criticality();
        a.owner = req.owner();
        a.environment = req.environment();
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        assets.persist(a);
        return AssetMapper.toResponse(a);
    }

    @Transactional
    public AssetResponse get(UUID id) {
        current.get();
        Asset a = assets.findById(id);
        if (a == null || !current.get().allows(a.tenantId)) {
            throw new ProblemException.NotFound("no asset " + id);
        }
        return AssetMapper.toResponse(a);
    }

    @Transactional
    public Page<AssetResponse> list(Integer limit, String cursor, Asset.Criticality criticality) {
        int n = Cursor.limit(limit, 100, 1000);
        Cursor after = Cursor.decode(cursor);
        current.get();
        List<Asset> rows = assets.pageAfter(after == null ? null : after.at(), after == null ? null : after.id(),
                criticality, n + 1);
        return Page.of(rows, n, a -> new Cursor(a.createdAt, a.id), AssetMapper::toResponse);
    }

    /** The tenant a write goes to: the named one if the caller may write there, else the caller's only one. */
    private UUID targetTenant(UUID requested) {
        TenantContext ctx = current.get();
        if (requested == null) {
            if (ctx.allTenants() || ctx.tenantIds().size() != 1) {
                throw new ProblemException.Unprocessable("tenantId is required: you have access to several tenants",
                        List.of(new Problem.FieldError("tenantId", "required when you serve several tenants")));
            }
            return ctx.single();
        }
        if (!ctx.allows(requested)) {
            throw new ProblemException.NotFound("no tenant " + requested);
        }
        return requested;
    }
}
