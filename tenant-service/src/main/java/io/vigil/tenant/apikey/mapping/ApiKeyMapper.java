package io.vigil.tenant.apikey.mapping;

import io.vigil.tenant.apikey.ApiKey;
import io.vigil.tenant.apikey.rest.ApiKeyResponse;
import java.time.Instant;

public final class ApiKeyMapper {

    private ApiKeyMapper() {
    }

    public static ApiKeyResponse toResponse(ApiKey k, String plainKey, Instant lastUsed) {
        return new ApiKeyResponse(k.id, k.tenantId, k.logSourceId, k.name, k.prefix, plainKey, k.createdAt,
                k.createdBy, lastUsed, k.revokedAt, k.revokedBy);
    }
}
