package io.vigil.tenant.asset.mapping;

import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.rest.AssetResponse;
import java.util.List;

public final class AssetMapper {

    private AssetMapper() {
    }

    public static AssetResponse toResponse(Asset a) {
        return new AssetResponse(a.id, a.tenantId, a.hostname, a.fqdn, List.copyOf(a.addresses), a.criticality,
                a.owner, a.environment, a.cloudAccountId, List.copyOf(a.tags), a.createdAt, a.updatedAt);
    }
}
