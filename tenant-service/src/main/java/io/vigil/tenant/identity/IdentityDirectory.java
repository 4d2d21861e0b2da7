package io.vigil.tenant.identity;

import io.vigil.platform.tenancy.Roles;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Vigil's identities in Keycloak, through the admin client. A tenant is the group {@code /tenants/<id>}
 * (its membership travels in tokens as the {@code groups} claim); its systems use the confidential client
 * {@code tenant-<slug>} whose service account is a member of that group. Every operation is idempotent
 * (it looks before it creates), so a provisioning interrupted by an outage is simply run again.
 * Connection failures are retried; Keycloak's own 4xx answers are not.
 */
@ApplicationScoped
public class IdentityDirectory {

    public static final String ALL_TENANTS = "/tenants";
    public static final String SYSTEM_ROLE = Roles.CUSTOMER_SYSTEM;
    public static final Set<String> CUSTOMER_ROLES = Roles.CUSTOMER;
    public static final Set<String> STAFF_ROLES = Roles.STAFF;

    private final Keycloak keycloak;
    private final String realm;

    public IdentityDirectory(Keycloak keycloak, @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** What provisioning a tenant produced. */
    public record TenantIdentity(String groupId, String clientId) {
    }

    /** Ensures the tenant's group and service-account client exist and are wired together. */
    @Retry(maxRetries = 2, delay = 300, abortOn = ClientErrorException.class)
    @Timeout(15_000)
    public TenantIdentity provisionTenant(UUID tenantId, String slug) {
        RealmResource r = realm();
        String groupId = ensureTenantGroup(r, tenantId, slug);
        String clientId = clientIdFor(slug);
        String internalId = ensureServiceClient(r, clientId, tenantId);
        UserRepresentation sa = r.clients().get(internalId).getServiceAccountUser();
        r.users().get(sa.getId()).joinGroup(groupId);
        grantRealmRoles(r, sa.getId(), List.of(SYSTEM_ROLE));
        return new TenantIdentity(groupId, clientId);
    }

    /** A new secret for the tenant's service-account client, returned once. */
    @Retry(maxRetries = 2, delay = 300, abortOn = ClientErrorException.class)
    @Timeout(15_000)
    public String rotateServiceSecret(String clientId) {
        CredentialRepresentation c = realm().clients().get(internalClientId(realm(), clientId)).generateNewSecret();
        return c.getValue();
    }

    /** Creates a customer user in the tenant's group with one customer role; 409 problem if the name is taken. */
    @Retry(maxRetries = 2, delay = 300, abortOn = {ClientErrorException.class, ProblemException.class})
    @Timeout(15_000)
    public String createTenantUser(UUID tenantId, NewUser user) {
        RealmResource r = realm();
        UserRepresentation rep = new UserRepresentation();
        rep.setUsername(user.username());
        rep.setEmail(user.email());
        rep.setFirstName(user.firstName());
        rep.setLastName(user.lastName());
        rep.setEnabled(true);
        rep.setEmailVerified(false);
        rep.setGroups(List.of(groupPath(tenantId)));
        rep.setAttributes(Map.of("vigil.tenant_id", List.of(tenantId.toString())));
        CredentialRepresentation pw = new CredentialRepresentation();
        pw.setType(CredentialRepresentation.PASSWORD);
        pw.setValue(user.password());
        pw.setTemporary(user.temporaryPassword());
        rep.setCredentials(List.of(pw));
        try (Response res = r.users().create(rep)) {
            if (res.getStatus() == 409) {
                throw new ProblemException.Conflict("a user named '" + user.username() + "' already exists");
            }
            if (res.getStatus() != 201) {
                throw new IllegalStateException("Keycloak refused the user: HTTP " + res.getStatus());
            }
        }
        String userId = r.users().searchByUsername(user.username(), true).get(0).getId();
        grantRealmRoles(r, userId, List.of(user.role()));
        return userId;
    }

    /** A new user to create. */
    public record NewUser(String username, String email, String firstName, String lastName, String role,
            String password, boolean temporaryPassword) {
    }

    /** A member of a tenant's group. */
    public record Member(String id, String username, String email, boolean enabled, List<String> roles) {
    }

    @Retry(maxRetries = 2, delay = 300, abortOn = ClientErrorException.class)
    @Timeout(15_000)
    public List<Member> members(UUID tenantId) {
        RealmResource r = realm();
        Optional<GroupRepresentation> g = findGroup(r, groupPath(tenantId));
        if (g.isEmpty()) {
            return List.of();
        }
        List<Member> out = new ArrayList<>();
        for (UserRepresentation u : r.groups().group(g.get().getId()).members(0, 1000, false)) {
            List<String> roles = r.users().get(u.getId()).roles().realmLevel().listEffective().stream()
                    .map(RoleRepresentation::getName).filter(Roles::isVigil).sorted().toList();
            out.add(new Member(u.getId(), u.getUsername(), u.getEmail(), Boolean.TRUE.equals(u.isEnabled()), roles));
        }
        return out;
    }

    /**
     * Sets which tenants a provider staff member serves: every tenant ({@code /tenants}), or exactly the
     * listed ones. Refuses users who hold no provider role (customers belong to one tenant only).
     */
    @Retry(maxRetries = 2, delay = 300, abortOn = {ClientErrorException.class, ProblemException.class})
    @Timeout(15_000)
    public List<String> assignStaff(String username, boolean allTenants, Set<UUID> tenantIds) {
        RealmResource r = realm();
        List<UserRepresentation> found = r.users().searchByUsername(username, true);
        if (found.isEmpty()) {
            throw new ProblemException.NotFound("no user named '" + username + "'");
        }
        String userId = found.get(0).getId();
        Set<String> roles = new HashSet<>();
        r.users().get(userId).roles().realmLevel().listEffective().forEach(role -> roles.add(role.getName()));
        if (roles.stream().noneMatch(STAFF_ROLES::contains)) {
            throw new ProblemException.Unprocessable("'" + username + "' is not provider staff: only users with a"
                    + " soc-* or provider-admin role are assigned to tenants",
                    List.of(new Problem.FieldError("username", "not a provider staff member")));
        }
        Set<String> wanted = new HashSet<>();
        if (allTenants) {
            wanted.add(ALL_TENANTS);
        } else {
            tenantIds.forEach(t -> wanted.add(groupPath(t)));
        }
        for (GroupRepresentation g : r.users().get(userId).groups(0, 1000, false)) {
            boolean tenantGroup = g.getPath().equals(ALL_TENANTS) || g.getPath().startsWith(ALL_TENANTS + "/");
            if (tenantGroup && !wanted.remove(g.getPath())) {
                r.users().get(userId).leaveGroup(g.getId());
            }
        }
        for (String path : wanted) {
            GroupRepresentation g = findGroup(r, path).orElseThrow(() -> new ProblemException.NotFound(
                    "tenant group " + path + " is not provisioned yet"));
            r.users().get(userId).joinGroup(g.getId());
        }
        return r.users().get(userId).groups(0, 1000, false).stream().map(GroupRepresentation::getPath)
                .filter(p -> p.equals(ALL_TENANTS) || p.startsWith(ALL_TENANTS + "/")).sorted().toList();
    }

    /**
     * Offboarding: disables the tenant's service-account client and its customer users; provider staff
     * keep their accounts and only lose their membership of this tenant.
     */
    @Retry(maxRetries = 2, delay = 300, abortOn = ClientErrorException.class)
    @Timeout(30_000)
    public void disableTenant(UUID tenantId, String clientId) {
        RealmResource r = realm();
        if (clientId != null) {
            List<ClientRepresentation> clients = r.clients().findByClientId(clientId);
            if (!clients.isEmpty()) {
                ClientRepresentation c = clients.get(0);
                c.setEnabled(false);
                r.clients().get(c.getId()).update(c);
            }
        }
        Optional<GroupRepresentation> g = findGroup(r, groupPath(tenantId));
        if (g.isEmpty()) {
            return;
        }
        for (UserRepresentation u : r.groups().group(g.get().getId()).members(0, 10_000, false)) {
            boolean staff = r.users().get(u.getId()).roles().realmLevel().listEffective().stream()
                    .anyMatch(role -> STAFF_ROLES.contains(role.getName()));
            if (staff) {
                r.users().get(u.getId()).leaveGroup(g.get().getId());
            } else if (Boolean.TRUE.equals(u.isEnabled()) && !u.getUsername().startsWith("service-account-")) {
                UserRepresentation upd = r.users().get(u.getId()).toRepresentation();
                upd.setEnabled(false);
                r.users().get(u.getId()).update(upd);
            }
        }
    }

    /** The tenants that have a group in the realm (every tenant whose identity was provisioned), page by page. */
    public java.util.Set<UUID> tenantIds() {
        RealmResource r = realm();
        GroupRepresentation parent = findGroup(r, ALL_TENANTS)
                .orElseThrow(() -> new IllegalStateException("the realm has no " + ALL_TENANTS + " group"));
        java.util.Set<UUID> out = new java.util.HashSet<>();
        int page = 500;
        for (int first = 0;; first += page) {
            List<GroupRepresentation> groups = r.groups().group(parent.getId()).getSubGroups(first, page, true);
            for (GroupRepresentation g : groups) {
                try {
                    out.add(UUID.fromString(g.getName()));
                } catch (IllegalArgumentException e) {
                    // not a tenant's group
                }
            }
            if (groups.size() < page) {
                return out;
            }
        }
    }

    public static String groupPath(UUID tenantId) {
        return ALL_TENANTS + "/" + tenantId;
    }

    public static String clientIdFor(String slug) {
        return "tenant-" + slug;
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static Optional<GroupRepresentation> findGroup(RealmResource r, String path) {
        try {
            return Optional.ofNullable(r.getGroupByPath(path));
        } catch (WebApplicationException e) {
            // the REST client reports Keycloak's 404 as a plain WebApplicationException
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String ensureTenantGroup(RealmResource r, UUID tenantId, String slug) {
        Optional<GroupRepresentation> existing = findGroup(r, groupPath(tenantId));
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        GroupRepresentation parent = findGroup(r, ALL_TENANTS)
                .orElseThrow(() -> new IllegalStateException("the realm has no " + ALL_TENANTS + " group"));
        GroupRepresentation g = new GroupRepresentation();
        g.setName(tenantId.toString());
        g.setAttributes(Map.of("vigil.tenant_id", List.of(tenantId.toString()), "vigil.tenant_slug", List.of(slug)));
        try (Response res = r.groups().group(parent.getId()).subGroup(g)) {
            if (res.getStatus() != 201 && res.getStatus() != 409) {
                throw new IllegalStateException("Keycloak refused the tenant group: HTTP " + res.getStatus());
            }
        }
        return findGroup(r, groupPath(tenantId)).orElseThrow().getId();
    }

    private static String ensureServiceClient(RealmResource r, String clientId, UUID tenantId) {
        List<ClientRepresentation> existing = r.clients().findByClientId(clientId);
        if (!existing.isEmpty()) {
            return existing.get(0).getId();
        }
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        c.setName(clientId);
        c.setDescription("Systems of tenant " + tenantId + ": telemetry, cases and reports");
        c.setEnabled(true);
        c.setPublicClient(false);
        c.setServiceAccountsEnabled(true);
        c.setStandardFlowEnabled(false);
        c.setDirectAccessGrantsEnabled(false);
        c.setProtocol("openid-connect");
        c.setAttributes(Map.of("vigil.tenant_id", tenantId.toString()));
        ProtocolMapperRepresentation groups = new ProtocolMapperRepresentation();
        groups.setName("tenant membership");
        groups.setProtocol("openid-connect");
        groups.setProtocolMapper("oidc-group-membership-mapper");
        groups.setConfig(Map.of("full.path", "true", "access.token.claim", "true", "id.token.claim", "false",
                "claim.name", "groups", "introspection.token.claim", "true"));
        c.setProtocolMappers(List.of(groups, apiAudience()));
        try (Response res = r.clients().create(c)) {
            if (res.getStatus() != 201 && res.getStatus() != 409) {
                throw new IllegalStateException("Keycloak refused the service client: HTTP " + res.getStatus());
            }
        }
        return internalClientId(r, clientId);
    }

    /**
     * Puts {@code vigil-api} in the audience of the client's access tokens (not its ID tokens): the services
     * accept only tokens meant for them, so a token Keycloak issued to any other client of the realm, or an
     * ID token, is refused.
     */
    static ProtocolMapperRepresentation apiAudience() {
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("vigil api audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", "vigil-api", "access.token.claim", "true",
                "id.token.claim", "false", "introspection.token.claim", "true"));
        return audience;
    }

    private static String internalClientId(RealmResource r, String clientId) {
        List<ClientRepresentation> found = r.clients().findByClientId(clientId);
        if (found.isEmpty()) {
            throw new ProblemException.NotFound("no Keycloak client " + clientId);
        }
        return found.get(0).getId();
    }

    private static void grantRealmRoles(RealmResource r, String userId, List<String> roles) {
        List<RoleRepresentation> reps = roles.stream().map(n -> r.roles().get(n).toRepresentation()).toList();
        r.users().get(userId).roles().realmLevel().add(reps);
    }
}
