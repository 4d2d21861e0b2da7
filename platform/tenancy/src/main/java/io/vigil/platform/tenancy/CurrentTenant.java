package io.vigil.platform.tenancy;

import io.vigil.platform.errors.ProblemException;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The tenant context of the current unit of work (an HTTP request, or one message a consumer handles).
 * HTTP requests fill it lazily from the verified identity; consumers fill it per message with
 * {@link TenantScope}.
 */
// Unremovable: the connection interceptor and consumers look it up programmatically.
@Unremovable
@RequestScoped
public class CurrentTenant {

    private final TenantResolver resolver;
    private TenantContext context;
    private boolean resolved;

    public CurrentTenant(TenantResolver resolver) {
        this.resolver = resolver;
    }

    /** The caller's context; 401/403 problem when there is none. */
    public TenantContext get() {
        return find().orElseThrow(() -> new ProblemException.Unauthorized("a valid bearer token or API key is required"));
    }

    /** The context if one is established, resolving it from the request's identity on first use. */
    public Optional<TenantContext> find() {
        if (!resolved) {
            resolved = true;
            if (context == null) {
                context = resolver.resolve().orElse(null);
            }
        }
        return Optional.ofNullable(context);
    }

    /** Refuses, as 404 (another tenant's id reveals nothing), a tenant outside the caller's set. */
    public void requireVisible(java.util.UUID tenantId) {
        TenantContext ctx = get();
        if (!ctx.allows(tenantId)) {
            throw new ProblemException.NotFound("no tenant " + tenantId);
        }
        if (ctx.allTenants()) {
            // A tenant created a moment ago on another instance: read the list again before the database is
            // asked. Provider-wide staff may name any tenant, as they always could: one still unknown after
            // that is one they vouch for (its first rows are theirs to write).
            var directory = io.quarkus.arc.Arc.container().instance(TenantDirectory.class);
            if (directory.isAvailable() && !directory.get().all().contains(tenantId)) {
                directory.get().refresh();
                if (!directory.get().all().contains(tenantId)) {
                    directory.get().saw(java.util.Set.of(tenantId));
                }
            }
        }
    }

    /**
     * The {@code app.tenant_ids}-style setting for a query over the caller's tenants, narrowed to
     * {@code tenantId} when one is named (404 if it is not the caller's).
     */
    public String settingFor(java.util.UUID tenantId) {
        if (tenantId == null) {
            return get().asSetting();
        }
        requireVisible(tenantId);
        return tenantId.toString();
    }

    /** Sets the context explicitly (API-key auth, stream consumers). */
    public void set(TenantContext context) {
        this.context = context;
        this.resolved = true;
    }

    public void clear() {
        this.context = null;
        this.resolved = true;
    }
}
