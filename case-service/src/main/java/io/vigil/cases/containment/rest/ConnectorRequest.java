package io.vigil.cases.containment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConnectorRequest", description = "Where the tenant's connector sends actions: WEBHOOK, a signed POST"
        + " to the client's EDR, firewall or SOAR")
public record ConnectorRequest(@NotBlank String kind, @NotBlank @Size(max = 2000) String url) {
}
