package io.vigil.detection.tuning.rest;

import io.vigil.detection.tuning.service.TenantRuleSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/rule-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
public class RuleSettingsResource {

    private final TenantRuleSettings settings;

    public RuleSettingsResource(TenantRuleSettings settings) {
        this.settings = settings;
    }

    @GET
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(summary = "Which rules raise alerts for the tenant (no settings: every enabled rule)")
    public RuleSettings get(@PathParam("tenantId") UUID tenantId) {
        return settings.get(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Set the tenant's minimum level, statuses, and tags and rules switched off")
    public RuleSettings set(@PathParam("tenantId") UUID tenantId, @Valid @NotNull RuleSettings body) {
        return settings.set(tenantId, body);
    }
}
