package io.vigil.tenant.tenant.rest;

import io.vigil.tenant.tenant.Tenant;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update: only the fields present change. The slug (part of identities) never changes. */
public record TenantUpdate(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        Tenant.SocModel socModel,
        String timeZone,
        @Size(max = 100) String industry,
        java.util.Set<Tenant.Regime> regulatoryRegimes) {

    public TenantUpdate(String name, Tenant.SocModel socModel, String timeZone, String industry) {
        this(name, socModel, timeZone, industry, null);
    }
}
