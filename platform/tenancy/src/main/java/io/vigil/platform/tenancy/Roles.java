package io.vigil.platform.tenancy;

import java.util.Set;

/**
 * Vigil's Keycloak realm roles, for code that reasons about a caller's roles. Endpoints do not list roles:
 * they name a role set declared once in configuration ({@code vigil.roles.*}, see {@link RoleScopes}).
 */
public final class Roles {

    private Roles() {
    }

    public static final String SOC_TIER1 = "soc-tier1";
    public static final String SOC_TIER2 = "soc-tier2";
    public static final String SOC_TIER3 = "soc-tier3";
    public static final String SOC_MANAGER = "soc-manager";
    public static final String PROVIDER_ADMIN = "provider-admin";
    public static final String CUSTOMER_VIEWER = "customer-viewer";
    public static final String CUSTOMER_ANALYST = "customer-analyst";
    public static final String CUSTOMER_ADMIN = "customer-admin";
    /** A client system: its service account, or an ingestion API key. */
    public static final String CUSTOMER_SYSTEM = "customer-system";

    /** The provider's people. */
    public static final Set<String> STAFF = Set.of(SOC_TIER1, SOC_TIER2, SOC_TIER3, SOC_MANAGER, PROVIDER_ADMIN);
    /** A client's people. */
    public static final Set<String> CUSTOMER = Set.of(CUSTOMER_VIEWER, CUSTOMER_ANALYST, CUSTOMER_ADMIN);

    /** Whether {@code role} is one of Vigil's (a token also carries Keycloak's own roles). */
    public static boolean isVigil(String role) {
        return STAFF.contains(role) || CUSTOMER.contains(role) || CUSTOMER_SYSTEM.equals(role);
    }
}
