package io.vigil.platform.tenancy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is calling and which tenants they may touch. Built only from a verified token or API key (or, for a
 * stream consumer, from the tenant id a message carries). Never empty: a caller with no tenant is refused
 * before a context is made.
 */
public record TenantContext(String subject, Set<UUID> tenantIds, boolean allTenants, Set<String> roles, Source source) {

    /** How the context was established. */
    public enum Source {
        TOKEN, API_KEY, MESSAGE, SYSTEM,
        /** A provider-wide caller narrowed to named tenants (the narrowing header): its ids are not vouched for. */
        NARROWED
    }

    /** The database setting that stands for "every tenant" (provider staff assigned to all of them). */
    public static final String ALL = "*";

    public TenantContext(String subject, Set<UUID> tenantIds, Set<String> roles, Source source) {
        this(subject, tenantIds, false, roles, source);
    }

    public TenantContext {
        if (tenantIds == null) {
            tenantIds = Set.of();
        }
        if (!allTenants && tenantIds.isEmpty()) {
            throw new IllegalArgumentException("a tenant context needs at least one tenant");
        }
        tenantIds = Collections.unmodifiableSet(new LinkedHashSet<>(tenantIds));
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** The context a consumer uses while it handles one message of {@code tenantId}. */
    public static TenantContext forMessage(UUID tenantId) {
        return new TenantContext("stream", Set.of(tenantId), Set.of(), Source.MESSAGE);
    }

    /** Provider staff assigned to every tenant (membership of the {@code /tenants} group itself). */
    public static TenantContext allTenants(String subject, Set<String> roles) {
        return new TenantContext(subject, Set.of(), true, roles, Source.TOKEN);
    }

    /** The service's own background work across every tenant (reconcilers, schedulers); never a request. */
    public static TenantContext system(String subject) {
        return new TenantContext(subject, Set.of(), true, Set.of(), Source.SYSTEM);
    }

    public boolean allows(UUID tenantId) {
        return tenantId != null && (allTenants || tenantIds.contains(tenantId));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The only tenant of this context; refuses when the caller spans several (the client must narrow). */
    public UUID single() {
        if (allTenants || tenantIds.size() != 1) {
            throw new IllegalStateException("more than one tenant in context");
        }
        return tenantIds.iterator().next();
    }

    /** A narrower context: only the named tenants, each of which must already be allowed. */
    public TenantContext narrow(Collection<UUID> wanted) {
        return new TenantContext(subject, Set.copyOf(wanted), false, roles, allTenants ? Source.NARROWED : source);
    }

    /** Whether the tenant ids come from a verified identity or a message (not from a caller's own header). */
    public boolean vouched() {
        return !allTenants && source != Source.NARROWED && source != Source.SYSTEM;
    }

    /**
     * The caller's tenants as a filter the service applies itself: comma separated UUIDs, {@code '*'} for a
     * provider-wide caller. The database's own setting names every tenant instead ({@link
     * TenantConnectionInterceptor}).
     */
    public String asSetting() {
        if (allTenants) {
            return ALL;
        }
        return tenantIds.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
