package io.vigil.reporting.metrics.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.metrics.service.MetricsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/tenants/{tenantId}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Figures for the client's CIO and the provider's SOC manager")
@Authenticated
public class MetricsResource {

    static final String TABLES = "response-times|clocks|breaches|rules";

    private final MetricsService service;

    public MetricsResource(MetricsService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "getTenantMetrics", summary = "Response times (MTTD, MTTA, MTTC, MTTR: median and p90 by"
            + " severity, against the SLA targets), SLA and regulatory compliance with each breach and its cause,"
            + " volumes month over month and the tuning list, for the cases opened in the period")
    public MetricsResponse metrics(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "A calendar month in the tenant's time zone, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return service.metrics(tenantId, month, from, to);
    }

    @GET
    @Path("/{table: " + TABLES + "}.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportTenantMetrics", summary = "One table of the tenant's figures as CSV:"
            + " response-times, clocks, breaches (all of them) or rules")
    public Response csv(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "response-times, clocks, breaches or rules") @PathParam("table") String table,
            @QueryParam("month") String month, @QueryParam("from") String from, @QueryParam("to") String to) {
        MetricsService.Export export = service.export(tenantId, table, month, from, to);
        String name = "vigil-" + tenantId + "-" + export.label().replaceAll("[^0-9A-Za-z-]", "_") + "-" + table + ".csv";
        return Response.ok(export.csv(), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
