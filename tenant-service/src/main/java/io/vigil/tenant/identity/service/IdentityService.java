package io.vigil.tenant.identity.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.identity.IdentityDirectory;
import io.vigil.tenant.identity.rest.ServiceAccountSecret;
import io.vigil.tenant.identity.rest.StaffAssignment;
import io.vigil.tenant.identity.rest.UserRequest;
import io.vigil.tenant.identity.rest.UserResponse;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.service.TenantService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Users, service account and staff assignments of tenants, checked against the caller's tenant set. */
@ApplicationScoped
public class IdentityService {

    private final IdentityDirectory directory;
    private final TenantService tenants;
    private final CurrentTenant current;
    private final AuditTrail audit;
    private final String tokenEndpoint;

    public IdentityService(IdentityDirectory directory, TenantService tenants, CurrentTenant current, AuditTrail audit,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        this.directory = directory;
        this.tenants = tenants;
        this.current = current;
        this.audit = audit;
        this.tokenEndpoint = issuer + "/protocol/openid-connect/token";
    }

    public UserResponse createUser(UUID tenantId, UserRequest req) {
        Tenant t = provisionedTenant(tenantId);
        boolean generated = req.password() == null;
        String password = generated ? ApiKeys.generate().substring(ApiKeys.PREFIX.length(), 24) : req.password();
        String id = directory.createTenantUser(t.id, new IdentityDirectory.NewUser(req.username(), req.email(),
                req.firstName(), req.lastName(), req.role(), password, generated));
        UserResponse out = new UserResponse(id, req.username(), req.email(), true, List.of(req.role()), null);
        QuarkusTransaction.requiringNew().run(() -> audit.record(tenantId, "user", id, "created", out));
        return generated ? new UserResponse(id, req.username(), req.email(), true, List.of(req.role()), password) : out;
    }

    public List<UserResponse> users(UUID tenantId) {
        Tenant t = QuarkusTransaction.requiringNew().call(() -> tenants.find(tenantId));
        return directory.members(t.id).stream()
                .map(m -> new UserResponse(m.id(), m.username(), m.email(), m.enabled(), m.roles(), null)).toList();
    }

    /** A new secret for the tenant's service account; the previous one stops working. */
    public ServiceAccountSecret rotateServiceSecret(UUID tenantId) {
        Tenant t = provisionedTenant(tenantId);
        String secret = directory.rotateServiceSecret(t.serviceClientId);
        QuarkusTransaction.requiringNew().run(() -> audit.record(tenantId, "service-account", t.serviceClientId,
                "secret-rotated", Map.of("clientId", t.serviceClientId)));
        return new ServiceAccountSecret(t.serviceClientId, secret, tokenEndpoint);
    }

    /** Which tenants a provider staff member serves; only provider admins serving every tenant may set it. */
    public List<String> assignStaff(String username, StaffAssignment req) {
        if (!current.get().allTenants()) {
            throw new ProblemException.Forbidden("only provider staff assigned to all tenants may assign staff");
        }
        Set<UUID> ids = new LinkedHashSet<>(req.tenantIds() == null ? List.of() : req.tenantIds());
        if (req.allTenants() && !ids.isEmpty()) {
            throw new ProblemException.Unprocessable("give either allTenants or tenantIds, not both",
                    List.of(new Problem.FieldError("tenantIds", "must be empty when allTenants is true")));
        }
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(tenants::find));
        List<String> groups = directory.assignStaff(username, req.allTenants(), ids);
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> audit.record(id, "staff", username, "assigned",
                Map.of("username", username, "groups", groups))));
        return groups;
    }

    private Tenant provisionedTenant(UUID tenantId) {
        Tenant t = QuarkusTransaction.requiringNew().call(() -> tenants.find(tenantId));
        if (t.serviceClientId == null || t.status == Tenant.Status.ONBOARDING) {
            throw new ProblemException.Conflict("tenant " + tenantId + " has no identity yet (status " + t.status
                    + (t.provisioningError == null ? "" : ", last error: " + t.provisioningError)
                    + "): retry once it is ACTIVE");
        }
        if (t.status == Tenant.Status.OFFBOARDED) {
            throw new ProblemException.Conflict("tenant " + tenantId + " is offboarded");
        }
        return t;
    }
}
