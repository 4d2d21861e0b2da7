package io.vigil.tenant.tenant.mapping;

import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.rest.TenantResponse;

public final class TenantMapper {

    private TenantMapper() {
    }

    public static TenantResponse toResponse(Tenant t) {
        return new TenantResponse(t.id, t.name, t.slug, t.status, t.socModel, t.timeZone, t.industry,
                java.util.Arrays.stream(t.regulatoryRegimes).map(Tenant.Regime::valueOf).sorted().toList(), t.statusReason,
                t.serviceClientId, t.provisionedAt, t.provisioningError, t.version, t.createdAt, t.updatedAt);
    }
}
