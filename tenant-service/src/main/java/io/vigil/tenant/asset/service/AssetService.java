package io.vigil.tenant.asset.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.importing.AssetDraft;
import io.vigil.tenant.asset.importing.AssetRows;
import io.vigil.tenant.asset.mapping.AssetMapper;
import io.vigil.tenant.asset.repository.AssetNetworkRepository;
import io.vigil.tenant.asset.repository.AssetRepository;
import io.vigil.tenant.asset.rest.AssetRequest;
import io.vigil.tenant.asset.rest.AssetResponse;
import io.vigil.tenant.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AssetService {

    private final AssetRepository assets;
    private final AssetNetworkRepository networks;
    private final CurrentTenant current;
    private final AuditTrail audit;
    private final AssetDirectory directory;

    public AssetService(AssetRepository assets, AssetNetworkRepository networks, CurrentTenant current,
            AuditTrail audit, AssetDirectory directory) {
        this.assets = assets;
        this.networks = networks;
        this.current = current;
        this.audit = audit;
        this.directory = directory;
    }

    @Transactional
    public AssetResponse create(AssetRequest req) {
        UUID tenantId = targetTenant(req.tenantId());
        AssetDraft draft = check(req);
        if (assets.hostnameTaken(tenantId, draft.hostname())) {
            throw new ProblemException.Conflict("tenant already has an asset with hostname '" + draft.hostname() + "'");
        }
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.tenantId = tenantId;
        draft.applyTo(a);
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        assets.persist(a);
        assets.flush();
        networks.replace(a);
        directory.publish(tenantId, List.of(a));
        AssetResponse out = AssetMapper.toResponse(a);
        audit.record(tenantId, "asset", a.id, "created", out);
        return out;
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

    /**
     * The asset a host name or an IP address belongs to, in one tenant (enrichment: the gateway and the
     * detection service ask this for every new host they see).
     */
    @Transactional
    public Optional<AssetResponse> lookup(UUID tenantId, String hostname, String ip) {
        UUID tenant = targetTenant(tenantId);
        if ((hostname == null) == (ip == null)) {
            throw new ProblemException.BadRequest("give exactly one of the query parameters hostname and ip");
        }
        if (hostname != null) {
            return assets.byName(tenant, hostname.trim()).map(AssetMapper::toResponse);
        }
        if (ip.contains("/") || io.vigil.tenant.asset.importing.Addresses.normalise(ip)
                instanceof io.vigil.tenant.asset.importing.Addresses.Bad) {
            throw new ProblemException.Unprocessable("ip '" + ip + "' is not an IP address",
                    List.of(new Problem.FieldError("ip", "an IPv4 or IPv6 address, without prefix length")));
        }
        return networks.assetContaining(tenant, ip.trim()).map(assets::findById).map(AssetMapper::toResponse);
    }

    /** The tenant a write goes to: the named one if the caller may write there, else the caller's only one. */
    public UUID targetTenant(UUID requested) {
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

    private static AssetDraft check(AssetRequest req) {
        Map<String, Object> row = new HashMap<>();
        row.put("hostname", req.hostname());
        row.put("fqdn", req.fqdn());
        row.put("addresses", req.addresses());
        row.put("criticality", req.criticality() == null ? null : req.criticality().name());
        row.put("owner", req.owner());
        row.put("environment", req.environment());
        row.put("cloud_account_id", req.cloudAccountId());
        row.put("tags", req.tags());
        AssetRows.Checked c = AssetRows.check(1, row);
        if (!c.ok()) {
            throw new ProblemException.Unprocessable("the asset is not valid", c.errors().stream()
                    .map(e -> new Problem.FieldError(e.field(), e.reason())).toList());
        }
        return c.draft();
    }
}
