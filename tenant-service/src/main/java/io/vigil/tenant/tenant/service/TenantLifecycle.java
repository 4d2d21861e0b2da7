package io.vigil.tenant.tenant.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.tenant.apikey.service.ApiKeyService;
import io.vigil.tenant.apikey.service.IngestDirectory;
import io.vigil.tenant.identity.IdentityDirectory;
import io.vigil.tenant.identity.service.IdentityProvisioner;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.rest.TenantRequest;
import io.vigil.tenant.tenant.rest.TenantResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Steps of a tenant's life that reach beyond its row: identity in Keycloak and the gateway's directory.
 * The row is committed first when a later step can be retried (creation), last when it cannot be undone
 * (offboarding disables identities first, so a Keycloak outage leaves the tenant as it was).
 */
@ApplicationScoped
public class TenantLifecycle {

    private final TenantService tenants;
    private final IdentityProvisioner provisioner;
    private final IdentityDirectory identities;
    private final ApiKeyService keys;
    private final IngestDirectory gateway;

    public TenantLifecycle(TenantService tenants, IdentityProvisioner provisioner, IdentityDirectory identities,
            ApiKeyService keys, IngestDirectory gateway) {
        this.tenants = tenants;
        this.provisioner = provisioner;
        this.identities = identities;
        this.keys = keys;
        this.gateway = gateway;
    }

    /** Creates the tenant (ONBOARDING) and provisions its identity; ACTIVE if Keycloak answered. */
    public TenantResponse onboard(TenantRequest req) {
        TenantResponse created = tenants.create(req);
        gateway.publishTenantStatus(created.id(), created.status().name());
        TenantResponse after = provisioner.provision(created.id());
        gateway.publishTenantStatus(after.id(), after.status().name());
        return after;
    }

    public TenantResponse suspend(UUID id, String reason) {
        return publish(tenants.changeStatus(id, Tenant.Status.SUSPENDED, reason));
    }

    public TenantResponse resume(UUID id, String reason) {
        return publish(tenants.changeStatus(id, Tenant.Status.ACTIVE, reason));
    }

    /** Disables the tenant's identities, then revokes its keys and marks it OFFBOARDED in one transaction. */
    public TenantResponse offboard(UUID id, String reason) {
        TenantResponse t = tenants.get(id);
        identities.disableTenant(id, t.serviceClientId());
        return publish(QuarkusTransaction.requiringNew().call(() -> {
            TenantResponse out = tenants.changeStatus(id, Tenant.Status.OFFBOARDED, reason);
            keys.revokeAll(id);
            return out;
        }));
    }

    private TenantResponse publish(TenantResponse t) {
        gateway.publishTenantStatus(t.id(), t.status().name());
        return t;
    }
}
