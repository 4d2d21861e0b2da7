package io.vigil.tenant.tenant.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.mapping.TenantMapper;
import io.vigil.tenant.tenant.repository.TenantRepository;
import io.vigil.tenant.tenant.rest.TenantRequest;
import io.vigil.tenant.tenant.rest.TenantResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantService {

    public static final String STREAM = "tenant.events";

    private final TenantRepository tenants;
    private final CurrentTenant current;
    private final Outbox outbox;

    public TenantService(TenantRepository tenants, CurrentTenant current, Outbox outbox) {
        this.tenants = tenants;
        this.current = current;
        this.outbox = outbox;
    }

    /** Onboards a client: only provider staff who serve every tenant may create one. */
    @Transactional
    public TenantResponse create(TenantRequest req) {
        if (!current.get().allTenants()) {
            throw new ProblemException.Forbidden("only provider staff assigned to all tenants may onboard a tenant");
        }
        validateZone(req.timeZone());
        if (tenants.slugTaken(req.slug())) {
            throw new ProblemException.Conflict("a tenant with slug '" + req.slug() + "' already exists");
        }
        Tenant t = new Tenant();
        t.id = UUID.randomUUID();
        t.name = req.name().trim();
        t.slug = req.slug();
        t.status = Tenant.Status.ONBOARDING;
        t.socModel = req.socModel();
        t.timeZone = req.timeZone();
        t.industry = req.industry();
        t.createdAt = Instant.now();
        t.updatedAt = t.createdAt;
        tenants.persist(t);
        TenantResponse out = TenantMapper.toResponse(t);
        outbox.add(STREAM, Envelope.of(t.id, "tenant.created", Json.write(out)));
        return out;
    }

    @Transactional
    public TenantResponse get(UUID id) {
        return TenantMapper.toResponse(find(id));
    }

    @Transactional
    public Page<TenantResponse> list(Integer limit, String cursor) {
        int n = Cursor.limit(limit, 50, 500);
        Cursor after = Cursor.decode(cursor);
        current.get(); // fail closed before touching the database
        List<Tenant> rows = tenants.pageAfter(after == null ? null : after.at(), after == null ? null : after.id(), n + 1);
        return Page.of(rows, n, t -> new Cursor(t.createdAt, t.id), TenantMapper::toResponse);
    }

    /** Loads a visible tenant; another tenant's id is indistinguishable from an unknown one. */
    Tenant find(UUID id) {
        if (!current.get().allows(id)) {
            throw notFound(id);
        }
        Tenant t = tenants.findById(id);
        if (t == null) {
            throw notFound(id);
        }
        return t;
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
}
