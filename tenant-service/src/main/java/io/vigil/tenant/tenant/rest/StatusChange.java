package io.vigil.tenant.tenant.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a tenant is suspended, resumed or offboarded (kept on the tenant and in the audit trail). */
public record StatusChange(@NotBlank @Size(max = 500) String reason) {
}
