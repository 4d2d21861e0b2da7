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

    static String currentSetting() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return "";
        }
        CurrentTenant current = Arc.container().instance(CurrentTenant.class).get();
        try {
            return current.find().map(TenantContext::asSetting).orElse("");
        } catch (RuntimeException e) {
            return ""; // refused identity: the service layer reports it; the database sees nothing
        }
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
