package io.vigil.tenant.identity.service;

import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.tenant.identity.IdentityDirectory;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.rest.TenantResponse;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Puts a tenant's identity in place (Keycloak group and service client) and only then makes it ACTIVE.
 * When Keycloak is unreachable the tenant stays ONBOARDING with the reason, and the periodic retry
 * completes it later: provisioning is idempotent, so an attempt cut off half-way is simply run again.
 */
@ApplicationScoped
public class IdentityProvisioner {

    private static final Logger LOG = Logger.getLogger(IdentityProvisioner.class);

    private final IdentityDirectory directory;
    private final TenantService tenants;
    private final CurrentTenant current;

    public IdentityProvisioner(IdentityDirectory directory, TenantService tenants, CurrentTenant current) {
        this.directory = directory;
        this.tenants = tenants;
        this.current = current;
    }

    /** One attempt; the answer is the tenant as it stands afterwards (ACTIVE, or ONBOARDING with the error). */
    public TenantResponse provision(UUID tenantId) {
        TenantResponse t = tenants.get(tenantId);
        if (t.status() != Tenant.Status.ONBOARDING && t.provisionedAt() != null) {
            return t;
        }
        try {
            IdentityDirectory.TenantIdentity identity = directory.provisionTenant(tenantId, t.slug());
            return tenants.markProvisioned(tenantId, identity.clientId());
        } catch (RuntimeException e) {
            String why = describe(e);
            LOG.warnf("identity of tenant %s not provisioned yet (retried): %s", tenantId, why);
            return tenants.markProvisioningFailed(tenantId, why);
        }
    }

    /** Retries every tenant still ONBOARDING. */
    @Scheduled(every = "${vigil.tenant.provisioning.retry-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void retryPending() {
        current.set(TenantContext.system("identity-provisioner"));
        try {
            List<UUID> pending = tenants.awaitingIdentity(100);
            pending.forEach(this::provision);
        } catch (RuntimeException e) {
            LOG.warnf("identity provisioning sweep failed, retried at the next run: %s", describe(e));
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "Keycloak: " + msg;
    }
}
