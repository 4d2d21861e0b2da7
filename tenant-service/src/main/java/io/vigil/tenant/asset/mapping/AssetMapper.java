package io.vigil.tenant.asset.mapping;

import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.rest.AssetResponse;

public final class AssetMapper {

    private AssetMapper() {
    }

    public static AssetResponse toResponse(Asset a) {
        return new AssetResponse(a.id, a.tenantId, a.hostname, a.ip, a.criticality, a.owner, a.environment,
                a.createdAt, a.updatedAt);
    }
}
