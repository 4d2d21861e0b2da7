package io.vigil.tenant.asset.rest;

import io.vigil.tenant.asset.Asset;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A new asset. {@code tenantId} may be left out when the caller has exactly one tenant. {@code addresses}
 * are IPv4/IPv6 addresses or CIDR ranges.
 */
public record AssetRequest(
        UUID tenantId,
        @NotBlank @Size(max = 255) String hostname,
        @Size(max = 255) String fqdn,
        @Size(max = 64) List<@NotBlank String> addresses,
        @NotNull Asset.Criticality criticality,
        @Size(max = 200) String owner,
        @Size(max = 50) String environment,
        @Size(max = 100) String cloudAccountId,
        @Size(max = 32) List<@NotBlank @Size(max = 64) String> tags) {
}
