package io.vigil.cases.containment.rest;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Connector")
public record ConnectorResponse(UUID tenantId, String name, String kind, String url, Instant updatedAt, String updatedBy) {
}
