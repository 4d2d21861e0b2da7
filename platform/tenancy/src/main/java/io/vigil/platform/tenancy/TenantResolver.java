package io.vigil.platform.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified identity into a {@link TenantContext}. Tenant membership travels in the token's
 * {@code groups} claim as Keycloak group paths {@code /tenants/<tenant-id>} (customer users belong to their
 * tenant's group, provider staff to each tenant they serve, a client's service account to its tenant);
 * provider staff who serve every tenant are members of {@code /tenants} itself. The
 * {@code X-Vigil-Tenant} header may narrow that set to some of its tenants, never widen it.
 */
@ApplicationScoped
public class TenantResolver {

    public static final String NARROW_HEADER = "X-Vigil-Tenant";
    public static final String ALL_TENANTS_GROUP = "/tenants";
    public static final String GROUP_PREFIX = ALL_TENANTS_GROUP + "/";

    private final Instance<SecurityIdentity> identity;
    private final Instance<HttpServerRequest> request;

    public TenantResolver(Instance<SecurityIdentity> identity, Instance<HttpServerRequest> request) {
        this.identity = identity;
        this.request = request;
    }

    Optional<TenantContext> resolve() {
        if (!identity.isResolvable()) {
            return Optional.empty();
        }
        SecurityIdentity id = identity.get();
        if (id == null || id.isAnonymous()) {
            return Optional.empty();
        }
        List<String> groups = groupsOf(id);
        TenantContext ctx;
        Object keyTenant = id.getAttribute(ApiKeys.TENANT_ATTRIBUTE);
        if (keyTenant instanceof UUID tenant) {
            // an ingestion API key belongs to exactly one tenant
            ctx = new TenantContext(id.getPrincipal().getName(), Set.of(tenant), id.getRoles(),
                    TenantContext.Source.API_KEY);
        } else if (groups.contains(ALL_TENANTS_GROUP)) {
            ctx = TenantContext.allTenants(id.getPrincipal().getName(), id.getRoles());
        } else {
            Set<UUID> tenants = new LinkedHashSet<>();
            groups.forEach(g -> parseGroup(g).ifPresent(tenants::add));
            if (tenants.isEmpty()) {
                throw new ProblemException.Forbidden("your identity is not assigned to any tenant");
            }
            ctx = new TenantContext(id.getPrincipal().getName(), tenants, id.getRoles(), TenantContext.Source.TOKEN);
        }
        String narrow = narrowHeader();
        return Optional.of(narrow == null ? ctx : narrow(ctx, narrow));
    }

    static TenantContext narrow(TenantContext ctx, String header) {
        Set<UUID> wanted = new LinkedHashSet<>();
        for (String part : header.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            UUID t;
            try {
                t = UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ProblemException.BadRequest(NARROW_HEADER + " must list tenant ids (UUIDs), got '" + s + "'");
            }
            if (!ctx.allows(t)) {
                throw new ProblemException.Forbidden(NARROW_HEADER + " names a tenant outside your tenant set: " + t);
            }
            wanted.add(t);
        }
        if (wanted.isEmpty()) {
            throw new ProblemException.BadRequest(NARROW_HEADER + " is present but names no tenant");
        }
        return ctx.narrow(wanted);
    }

    static List<String> groupsOf(SecurityIdentity id) {
        List<String> out = new ArrayList<>();
        if (id.getPrincipal() instanceof JsonWebToken jwt) {
            Object groups = jwt.getClaim("groups");
            if (groups instanceof Collection<?> list) {
                // JSON strings from the JWT library may keep their quotes.
                list.forEach(g -> out.add(String.valueOf(g).replace("\"", "").trim()));
            }
        }
        return out;
    }

    static Optional<UUID> parseGroup(String group) {
        if (!group.startsWith(GROUP_PREFIX)) {
            return Optional.empty();
        }
        String rest = group.substring(GROUP_PREFIX.length());
        int slash = rest.indexOf('/');
        String idPart = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return Optional.of(UUID.fromString(idPart));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String narrowHeader() {
        if (!request.isResolvable()) {
            return null;
        }
        try {
            return request.get().getHeader(NARROW_HEADER);
        } catch (RuntimeException e) {
            return null; // no HTTP request active (a consumer thread)
        }
    }
}
