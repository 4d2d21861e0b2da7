package io.vigil.reporting.briefing.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.tenancy.Page;
import io.vigil.reporting.briefing.service.BriefingService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/tenants/{tenantId}/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Figures for the client's CIO and the provider's SOC manager")
@Authenticated
public class BriefingResource {

    private final BriefingService service;

    public BriefingResource(BriefingService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listIncidents", summary = "The tenant's confirmed incidents, newest first")
    public Page<IncidentSummary> list(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "open, closed or all (default)") @QueryParam("state") String state,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return service.incidents(tenantId, state, limit, cursor);
    }

    @GET
    @Path("/{caseId}")
    @Operation(operationId = "getIncidentBriefing", summary = "A confirmed incident in business terms: what happened,"
            + " which systems by business criticality, status and containment, deadlines, when the next update comes;"
            + " 409 while the case is not confirmed")
    public BriefingResponse get(@PathParam("tenantId") UUID tenantId, @PathParam("caseId") UUID caseId,
            @Parameter(description = "true adds the technical detail (rule, techniques, hosts)")
            @QueryParam("detail") boolean detail) {
        return service.briefing(tenantId, caseId, detail);
    }
}
