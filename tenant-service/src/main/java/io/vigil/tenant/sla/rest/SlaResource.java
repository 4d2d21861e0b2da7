package io.vigil.tenant.sla.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.sla.SlaTargets;
import io.vigil.tenant.sla.service.SlaService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/sla-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SLA policy", description = "Response time targets per severity: provider defaults and the tenant's own")
@Authenticated
public class SlaResource {

    private final SlaService service;

    public SlaResource(SlaService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The tenant's effective SLA per severity (its override, else the provider default)")
    public EffectiveSla effective(@PathParam("tenantId") UUID tenantId) {
        return service.effective(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(summary = "Set the tenant's own targets for the severities given (its contract)")
    public EffectiveSla override(@PathParam("tenantId") UUID tenantId,
            @NotNull Map<Severity, @Valid @NotNull SlaTargets> targets) {
        return service.override(tenantId, targets);
    }

    @DELETE
    @Path("{severity}")
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(summary = "Drop the tenant's override of one severity (the provider default applies)")
    public EffectiveSla revert(@PathParam("tenantId") UUID tenantId, @PathParam("severity") Severity severity) {
        return service.revert(tenantId, severity);
    }
}
