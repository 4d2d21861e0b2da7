package io.vigil.platform.tenancy;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Every tenant the installation holds, for the one kind of caller who may see them all: provider staff
 * serving every tenant, and the service's own jobs. The database never hands the role that serves requests
 * "every tenant" ({@code '*'} admits no tenant row); such a caller's connection names each tenant, and this
 * is where the names come from. It lives outside the database, so a query the service is tricked into
 * running cannot widen its own scope.
 */
public interface TenantDirectory {

    /** Every tenant known: the installation's list plus every tenant this process has seen vouched for. */
    Set<UUID> all();

    /**
     * Learns tenants that a verified identity (a token's groups, an API key) or a message named. Every row of
     * a tenant is written by such a caller, so every tenant with rows is known before its first row exists.
     */
    void saw(Collection<UUID> tenants);

    /** Reloads the installation's list now (a provider-wide caller named a tenant not known yet). */
    void refresh();
}
