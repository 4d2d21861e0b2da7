package io.vigil.cases.containment.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Connector", description = "A tenant's connector; its credential is never returned, only whether one is set")
public record ConnectorResponse(UUID tenantId, String name, String kind, String url, Map<String, String> settings,
        boolean credentialSet, Instant updatedAt, String updatedBy) {
}
