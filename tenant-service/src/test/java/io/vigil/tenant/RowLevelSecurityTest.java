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
