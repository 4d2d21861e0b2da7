package io.vigil.tenant.tenant.rest;

import io.vigil.tenant.tenant.Tenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Onboarding a new client. */
public record TenantRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2-63 lower-case letters, digits or '-'") String slug,
        @NotNull Tenant.SocModel socModel,
        @NotBlank String timeZone,
        @Size(max = 100) String industry,
        java.util.Set<Tenant.Regime> regulatoryRegimes) {

    /** Without the regimes (none apply). */
    public TenantRequest(String name, String slug, Tenant.SocModel socModel, String timeZone, String industry) {
        this(name, slug, socModel, timeZone, industry, null);
    }
}
