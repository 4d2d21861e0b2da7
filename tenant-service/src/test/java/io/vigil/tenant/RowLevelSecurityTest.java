package io.vigil.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's row-level security holds on its own: native SQL, which the Hibernate tenant filter never
 * sees, still only reaches the rows of the transaction's tenants.
 */
@QuarkusTest
class RowLevelSecurityTest {

    static UUID tenantA;
    static UUID tenantB;

    @Inject
    EntityManager em;

    // Seeded once, lazily: RestAssured knows the application's port only once a test runs.
    @BeforeEach
    void seed() {
        if (tenantA != null) {
            return;
        }
        tenantA = Fixtures.tenant("rls-a");
        tenantB = Fixtures.tenant("rls-b");
        Fixtures.asset(tenantA, "a-web-01", "HIGH");
        Fixtures.asset(tenantA, "a-db-01", "CRITICAL");
        Fixtures.asset(tenantB, "b-dc-01", "CRITICAL");
    }

    @Test
    void nativeSelectInTenantATransactionSeesNoneOfTenantBRows() {
        List<?> owners = asTenants(Set.of(tenantA), () -> em.createNativeQuery("select tenant_id from assets").getResultList());
        assertEquals(2, owners.stream().filter(tenantA::equals).count(), "A sees both of its assets");
        assertTrue(owners.stream().allMatch(tenantA::equals), "A sees nothing of any other tenant: " + owners);

        List<?> tenants = asTenants(Set.of(tenantA), () -> em.createNativeQuery("select id from tenants").getResultList());
        assertEquals(List.of(tenantA), tenants);
    }

    @Test
    void nativeSelectWithoutTenantContextSeesNothing() {
        Number n = QuarkusTransaction.requiringNew().call(
                () -> (Number) em.createNativeQuery("select count(*) from assets").getSingleResult());
        assertEquals(0, n.intValue());
    }

    @Test
    void nativeInsertIntoAnotherTenantIsRefusedByThePolicy() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> asTenants(Set.of(tenantA),
                () -> em.createNativeQuery("insert into assets (id, tenant_id, hostname, criticality, created_at, updated_at)"
                                + " values (gen_random_uuid(), ?1, 'sneaky', 'LOW', now(), now())")
                        .setParameter(1, tenantB).executeUpdate()));
        assertTrue(rootMessage(e).contains("row-level security"), rootMessage(e));
    }

    @Test
    void appRoleCannotSwitchOffRowLevelSecurity() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> asTenants(Set.of(tenantA),
                () -> em.createNativeQuery("alter table assets disable row level security").executeUpdate()));
        assertTrue(rootMessage(e).contains("must be owner"), rootMessage(e));
        Boolean bypass = asTenants(Set.of(tenantA), () -> (Boolean) em.createNativeQuery(
                "select rolbypassrls from pg_roles where rolname = current_user").getSingleResult());
        assertFalse(bypass);
    }

    /**
     * '*' was "every tenant": any query the service could be tricked into running could set it. Now it admits
     * no tenant's row, and neither does any other value that does not name the tenant.
     */
    @Test
    void theServiceRoleCannotWidenItselfToEveryTenant() {
        for (String widening : List.of("*", "*,", "*,*", "*," + UUID.randomUUID())) {
            Number n = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("select set_config('app.tenant_ids', ?1, true)").setParameter(1, widening).getSingleResult();
                return (Number) em.createNativeQuery("select count(*) from assets where tenant_id in (?1, ?2)")
                        .setParameter(1, tenantA).setParameter(2, tenantB).getSingleResult();
            });
            assertEquals(0, n.intValue(), "app.tenant_ids = '" + widening + "' reached tenant rows");
        }
    }

    /**
     * A provider-wide caller (staff serving every tenant, a job) still sees every tenant: its connection names
     * each one from the tenant directory, a tenant created a moment ago included.
     */
    @Test
    void aProviderWideCallerSeesEveryTenantByName() {
        UUID fresh = Fixtures.tenant("rls-fresh");
        List<?> tenants = asContext(TenantContext.allTenants("test-admin", Set.of("provider-admin")),
                () -> em.createNativeQuery("select id from tenants where id in (?1, ?2, ?3)")
                        .setParameter(1, tenantA).setParameter(2, tenantB).setParameter(3, fresh).getResultList());
        assertEquals(Set.of(tenantA, tenantB, fresh), Set.copyOf(tenants));
        String setting = asContext(TenantContext.system("test-job"),
                () -> (String) em.createNativeQuery("select current_setting('app.tenant_ids')").getSingleResult());
        assertTrue(setting.startsWith("*,") && setting.contains(tenantA.toString()) && setting.contains(fresh.toString()),
                setting.length() > 200 ? setting.substring(0, 200) : setting);
    }

    /** Every policy of the schema reads the tenant set once per statement, never by parsing it per row. */
    @Test
    void everyTenantPolicyReadsTheTenantSetOncePerStatement() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select tablename || '.' || policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies"
                        + " where schemaname = current_schema()").getResultList());
        assertTrue(rows.size() > 10, "policies: " + rows.size());
        for (Object[] r : rows) {
            String expr = (String) r[1];
            assertFalse(expr.contains("tenant_visible") || expr.contains("app.tenant_ids"), r[0] + ": " + expr);
            assertTrue(expr.contains("SELECT tenant_scope()") || expr.trim().equals("true true") || expr.trim().equals("true"),
                    r[0] + " neither reads the tenant set nor is an owner's policy: " + expr);
        }
    }

    private static <T> T asContext(TenantContext ctx, Supplier<T> work) {
        var request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentTenant.class).get().set(ctx);
            return QuarkusTransaction.requiringNew().call(work::get);
        } finally {
            request.terminate();
        }
    }

    private static <T> T asTenants(Set<UUID> tenants, Supplier<T> work) {
        var request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentTenant.class).get()
                    .set(new TenantContext("test", tenants, Set.of(), TenantContext.Source.TOKEN));
            return QuarkusTransaction.requiringNew().call(work::get);
        } finally {
            request.terminate();
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
