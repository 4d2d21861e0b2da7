package io.vigil.reporting.portal;

import io.quarkus.qute.TemplateData;
import io.vigil.reporting.tenantfacts.rest.TenantFactResponse;
import java.util.List;

/**
 * Who reads the page: their name, whether they are provider staff (who pick among the tenants they serve) or
 * a client's admin (who may decide containment steps), the tenants they may open, the one open now, and the
 * token each of their forms carries.
 */
@TemplateData
@TemplateData(target = TenantFactResponse.class)
public record Viewer(String name, String roleInWords, boolean staff, boolean canDecide, List<TenantFactResponse> tenants,
        TenantFactResponse tenant, String formToken) {

    public Viewer in(TenantFactResponse open) {
        return new Viewer(name, roleInWords, staff, canDecide, tenants, open, formToken);
    }

    public boolean picksTenants() {
        return tenants.size() > 1;
    }

    /** The base of the open tenant's pages. */
    public String base() {
        return tenant == null ? "/portal" : "/portal/t/" + tenant.tenantId();
    }

    /** An instant as people read it, in the open tenant's zone ("—" when there is none). */
    public String when(java.time.Instant instant) {
        return PortalExtensions.at(instant, tenant == null ? null : tenant.timeZone());
    }
}
