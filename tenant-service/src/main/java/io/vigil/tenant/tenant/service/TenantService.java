package io.vigil.tenant.tenant.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.mapping.TenantMapper;
import io.vigil.tenant.tenant.repository.TenantRepository;
import io.vigil.tenant.tenant.rest.TenantRequest;
import io.vigil.tenant.tenant.rest.TenantResponse;
import io.vigil.tenant.tenant.rest.TenantUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tenant record: creation, reads, updates and status transitions, each audited and published. */
@ApplicationScoped
public class TenantService {


    private final TenantRepository tenants;
    private final CurrentTenant current;
    private final AuditTrail audit;
    private final io.vigil.platform.tenancy.TenantDirectory directory;

    public TenantService(TenantRepository tenants, CurrentTenant current, AuditTrail audit,
            io.vigil.platform.tenancy.TenantDirectory directory) {
        this.tenants = tenants;
        this.current = current;
        this.audit = audit;
        this.directory = directory;
    }

    /** Onboards a client: only provider staff who serve every tenant may create one. */
    @Transactional
    public TenantResponse create(TenantRequest req) {
        requireAllTenants("onboard a tenant");
        validateZone(req.timeZone());
        Tenant t = new Tenant();
        t.id = UUID.randomUUID();
        // Known before the transaction's connection is taken, so this request's database scope names it.
        directory.saw(java.util.Set.of(t.id));
        if (tenants.slugTaken(req.slug())) {
            throw new ProblemException.Conflict("a tenant with slug '" + req.slug() + "' already exists");
        }
        t.name = req.name().trim();
        t.slug = req.slug();
        t.status = Tenant.Status.ONBOARDING;
        t.socModel = req.socModel();
        t.timeZone = req.timeZone();
        t.industry = req.industry();
        t.regulatoryRegimes = regimes(req.regulatoryRegimes());
        t.createdAt = Instant.now();
        t.updatedAt = t.createdAt;
        tenants.persist(t);
        TenantResponse out = TenantMapper.toResponse(t);
        audit.record(t.id, "tenant", t.id, "created", out);
        return out;
    }

    @Transactional
    public TenantResponse get(UUID id) {
        return TenantMapper.toResponse(find(id));
    }

    @Transactional
    public Page<TenantResponse> list(Integer limit, String cursor, Tenant.Status status) {
        int n = Cursor.limit(limit, 50, 500);
        Cursor after = Cursor.decode(cursor);
        current.get(); // fail closed before touching the database
        List<Tenant> rows = tenants.pageAfter(after == null ? null : after.at(), after == null ? null : after.id(),
                status, n + 1);
        return Page.of(rows, n, t -> new Cursor(t.createdAt, t.id), TenantMapper::toResponse);
    }

    /** Changes the fields present; {@code expectedVersion} (from If-Match) guards against lost updates. */
    @Transactional
    public TenantResponse update(UUID id, TenantUpdate req, Long expectedVersion) {
        Tenant t = find(id);
        if (expectedVersion != null && expectedVersion != t.version) {
            throw new ProblemException.PreconditionFailed("tenant " + id + " changed since version " + expectedVersion
                    + " (it is at version " + t.version + "): reload it and apply your change again");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (req.name() != null && !req.name().trim().equals(t.name)) {
            t.name = req.name().trim();
            changed.put("name", t.name);
        }
        if (req.socModel() != null && req.socModel() != t.socModel) {
            t.socModel = req.socModel();
            changed.put("socModel", t.socModel);
        }
        if (req.timeZone() != null && !req.timeZone().equals(t.timeZone)) {
            validateZone(req.timeZone());
            t.timeZone = req.timeZone();
            changed.put("timeZone", t.timeZone);
        }
        if (req.industry() != null && !req.industry().equals(t.industry)) {
            t.industry = req.industry();
            changed.put("industry", t.industry);
        }
        if (req.regulatoryRegimes() != null && !java.util.Arrays.equals(regimes(req.regulatoryRegimes()), t.regulatoryRegimes)) {
            t.regulatoryRegimes = regimes(req.regulatoryRegimes());
            changed.put("regulatoryRegimes", List.of(t.regulatoryRegimes));
        }
        if (!changed.isEmpty()) {
            t.updatedAt = Instant.now();
            tenants.flush(); // bumps the version the response and the ETag carry
            audit.record(t.id, "tenant", t.id, "updated", changed, TenantMapper.toResponse(t));
        }
        return TenantMapper.toResponse(t);
    }

    /**
     * Moves a tenant to a new status. Allowed: ACTIVE to SUSPENDED, SUSPENDED to ACTIVE, anything but
     * OFFBOARDED to OFFBOARDED. ONBOARDING becomes ACTIVE only when its identity is in place.
     */
    @Transactional
    public TenantResponse changeStatus(UUID id, Tenant.Status target, String reason) {
        requireAllTenants("change a tenant's status");
        Tenant t = find(id);
        boolean allowed = switch (target) {
            case SUSPENDED -> t.status == Tenant.Status.ACTIVE;
            case ACTIVE -> t.status == Tenant.Status.SUSPENDED;
            case OFFBOARDED -> t.status != Tenant.Status.OFFBOARDED;
            case ONBOARDING -> false;
        };
        if (!allowed) {
            throw new ProblemException.Conflict("tenant " + id + " is " + t.status + " and cannot become " + target);
        }
        Tenant.Status from = t.status;
        t.status = target;
        t.statusReason = reason;
        t.updatedAt = Instant.now();
        tenants.flush();
        String action = switch (target) {
            case SUSPENDED -> "suspended";
            case ACTIVE -> "resumed";
            default -> "offboarded";
        };
        audit.record(t.id, "tenant", t.id, action, Map.of("from", from, "to", target, "reason", reason),
                TenantMapper.toResponse(t));
        return TenantMapper.toResponse(t);
    }

    /** Identity is in place: an ONBOARDING tenant becomes ACTIVE. */
    @Transactional
    public TenantResponse markProvisioned(UUID id, String serviceClientId) {
        Tenant t = find(id);
        t.provisionedAt = Instant.now();
        t.provisioningError = null;
        t.serviceClientId = serviceClientId;
        if (t.status == Tenant.Status.ONBOARDING) {
            t.status = Tenant.Status.ACTIVE;
            t.updatedAt = t.provisionedAt;
            tenants.flush();
            audit.record(t.id, "tenant", t.id, "activated", Map.of("serviceClientId", serviceClientId),
                    TenantMapper.toResponse(t));
        }
        return TenantMapper.toResponse(t);
    }

    /** The last provisioning attempt failed: kept on the tenant so operators see why it is not ACTIVE. */
    @Transactional
    public TenantResponse markProvisioningFailed(UUID id, String error) {
        Tenant t = find(id);
        t.provisioningError = error;
        return TenantMapper.toResponse(t);
    }

    /** Tenants still waiting for their identity (the reconciler runs with the system context). */
    @Transactional
    public List<UUID> awaitingIdentity(int limit) {
        current.get();
        return tenants.awaitingIdentity(limit).stream().map(t -> t.id).toList();
    }

    /** Loads a visible tenant; another tenant's id is indistinguishable from an unknown one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Tenant find(UUID id) {
        if (!current.get().allows(id)) {
            throw notFound(id);
        }
        Tenant t = tenants.findById(id);
        if (t == null) {
            throw notFound(id);
        }
        return t;
    }

    private void requireAllTenants(String what) {
        if (!current.get().allTenants()) {
            throw new ProblemException.Forbidden("only provider staff assigned to all tenants may " + what);
        }
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException.NotFound("no tenant " + id);
    }

    private static void validateZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ProblemException.Unprocessable("timeZone '" + zone + "' is not an IANA time zone",
                    List.of(new Problem.FieldError("timeZone", "not an IANA time zone id, e.g. Europe/Paris")));
        }
    }

    private static String[] regimes(java.util.Set<Tenant.Regime> given) {
        return given == null ? new String[0] : given.stream().sorted().map(Enum::name).toArray(String[]::new);
    }
}
