package io.vigil.platform.tenancy;

import io.quarkus.arc.Arc;
import java.util.function.Supplier;

/**
 * First line of tenant isolation: the Hibernate filter every tenant-owned entity declares. It is enabled
 * automatically in every session and its parameter resolves from the current {@link TenantContext}, so
 * HQL and Panache queries only ever see the caller's tenants. Entities use:
 *
 * <pre>
 * &#64;FilterDef(name = TenantFilter.NAME, autoEnabled = true, defaultCondition = TenantFilter.CONDITION,
 *         parameters = &#64;ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
 * &#64;Filter(name = TenantFilter.NAME)
 * </pre>
 */
public final class TenantFilter {

    public static final String NAME = "tenant";
    public static final String PARAM = "tenantIds";
    /**
     * The service's own test, on {@link TenantContext#asSetting()}: '' admits nothing, '*' (a provider-wide
     * caller) everything; the database's policy then admits only the tenants the connection names.
     */
    public static final String CONDITION = "(case when :" + PARAM + " = '*' then true when :" + PARAM
            + " = '' then false else tenant_id = any (cast(string_to_array(:" + PARAM + ", ',') as uuid[])) end)";

    /** The same test for the table whose own id is the tenant id (the tenants table). */
    public static final String CONDITION_ON_ID = "(case when :" + PARAM + " = '*' then true when :" + PARAM
            + " = '' then false else id = any (cast(string_to_array(:" + PARAM + ", ',') as uuid[])) end)";

    private TenantFilter() {
    }

    /** Resolves the filter parameter: the current tenant set, or an empty set (no rows) outside any. */
    public static class Ids implements Supplier<String> {
        @Override
        public String get() {
            return TenantConnectionInterceptor.currentFilter();
        }
    }
}
