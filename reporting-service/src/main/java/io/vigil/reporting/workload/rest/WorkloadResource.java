package io.vigil.reporting.workload.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.workload.service.WorkloadService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/workload")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@Authenticated
public class WorkloadResource {

    private final WorkloadService service;

    public WorkloadResource(WorkloadService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(operationId = "getWorkload", summary = "The SOC's load over the tenants the caller serves: cases opened"
            + " in the period per analyst and tier, per shift of the provider's day, and each client's nights and"
            + " weekends on its own calendar")
    public WorkloadResponse workload(
            @Parameter(description = "A calendar month on the provider's clock, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return service.workload(month, from, to);
    }
}
