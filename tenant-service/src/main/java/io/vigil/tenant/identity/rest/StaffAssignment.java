package io.vigil.tenant.identity.rest;

import java.util.List;
import java.util.UUID;

/** The tenants a provider staff member serves: every tenant, or the listed ones (an empty list: none). */
public record StaffAssignment(boolean allTenants, List<UUID> tenantIds) {
}
