package io.vigil.reporting.metrics.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.tenancy.Page;
import io.vigil.reporting.metrics.service.MetricsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/sla-overview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Figures for the client's CIO and the provider's SOC manager")
@Authenticated
public class SlaOverviewResource {

    private final MetricsService service;

    public SlaOverviewResource(MetricsService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff}")
    @Operation(operationId = "getSlaOverview", summary = "Every tenant the caller serves, worst SLA compliance first:"
            + " cases opened in the period, open and open critical ones, SLA clocks met and breached")
    public Page<TenantSlaResponse> overview(
            @Parameter(description = "A calendar month in UTC, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return new Page<>(service.overview(month, from, to), null);
    }
}
