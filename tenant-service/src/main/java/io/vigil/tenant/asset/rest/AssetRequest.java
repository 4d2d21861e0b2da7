package io.vigil.tenant.asset.rest;

import io.vigil.tenant.asset.Asset;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A new asset. {@code tenantId} may be left out when the caller has exactly one tenant.
 */
public record AssetRequest(
        UUID tenantId,
        @NotBlank @Size(max = 255) String hostname,
        @Size(max = 64) String ip,
        @NotNull Asset.Criticality criticality,
        @Size(max = 200) String owner,
        @Size(max = 50) String environment) {
}
