package io.vigil.tenant.containment.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.containment.ContainmentRules;
import io.vigil.tenant.containment.service.ContainmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/containment-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Containment pre-approvals", description = "Which containment actions the client lets the SOC run unasked, on which assets")
@Authenticated
public class ContainmentResource {

    private final ContainmentService service;

    public ContainmentResource(ContainmentService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The tenant's pre-approvals and approvers (none: everything needs approval)")
    public ContainmentPolicyBody get(@PathParam("tenantId") UUID tenantId) {
        return service.get(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.provider-and-client-admins}")
    @Operation(summary = "Replace the tenant's pre-approvals (the client decides what may run unasked)")
    public ContainmentPolicyBody replace(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull ContainmentPolicyBody body) {
        return service.replace(tenantId, body);
    }

    @GET
    @Path("decision")
    @Operation(summary = "May the provider run this action now? By asset, or by criticality and environment")
    public ContainmentDecision decide(@PathParam("tenantId") UUID tenantId,
            @QueryParam("action") ContainmentRules.Action action, @QueryParam("assetId") UUID assetId,
            @QueryParam("criticality") Asset.Criticality criticality, @QueryParam("environment") String environment) {
        return service.decide(tenantId, action, assetId, criticality, environment);
    }
}
