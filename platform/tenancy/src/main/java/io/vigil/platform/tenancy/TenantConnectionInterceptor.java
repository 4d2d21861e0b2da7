package io.vigil.platform.tenancy;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Second line of tenant isolation: every pooled connection handed out carries the current tenant set in the
 * session setting {@code app.tenant_ids}, which the row-level security policies read. A connection taken
 * without a tenant context gets an empty set and so sees no tenant-owned row (fail closed); the setting is
 * cleared when the connection goes back to the pool.
 *
 * <p>A provider-wide caller's setting is {@code '*'} followed by every tenant of the {@link TenantDirectory}:
 * the database admits no tenant row on {@code '*'} alone. Any other caller's tenants, when vouched for, are
 * told to the directory first, so a tenant is known before its first row is written.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    static final String SET = "select set_config('app.tenant_ids', ?, false)";

    @Override
    public void onConnectionAcquire(Connection connection) {
        apply(connection, currentSetting());
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        apply(connection, "");
    }

    /** What the database reads for the current unit of work. */
    static String currentSetting() {
        return current().map(TenantConnectionInterceptor::databaseSetting).orElse("");
    }

    /** What the service's own filter (first line) applies: {@link TenantContext#asSetting()}. */
    static String currentFilter() {
        return current().map(TenantContext::asSetting).orElse("");
    }

    private static java.util.Optional<TenantContext> current() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return java.util.Optional.empty();
        }
        CurrentTenant current = Arc.container().instance(CurrentTenant.class).get();
        try {
            return current.find();
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // refused identity: the service layer reports it; the database sees nothing
        }
    }

    static String databaseSetting(TenantContext ctx) {
        var directory = Arc.container().instance(TenantDirectory.class);
        if (ctx.allTenants()) {
            if (!directory.isAvailable()) {
                return TenantContext.ALL; // no directory: provider-wide rows only, no tenant's
            }
            StringBuilder b = new StringBuilder(TenantContext.ALL);
            directory.get().all().forEach(t -> b.append(',').append(t));
            return b.toString();
        }
        if (ctx.vouched() && directory.isAvailable()) {
            directory.get().saw(ctx.tenantIds());
        }
        return ctx.asSetting();
    }

    private static void apply(Connection connection, String tenantIds) {
        try (PreparedStatement ps = connection.prepareStatement(SET)) {
            ps.setString(1, tenantIds);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the tenant scope of a database connection", e);
        }
    }
}
