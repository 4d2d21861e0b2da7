package io.vigil.reporting.monthly.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.platform.tenancy.Page;
import io.vigil.reporting.monthly.MonthlyReport;
import io.vigil.reporting.monthly.service.MonthlyReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/tenants/{tenantId}/monthly")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@Authenticated
public class MonthlyReportResource {

    private final MonthlyReports reports;
    private final SecurityIdentity identity;

    public MonthlyReportResource(MonthlyReports reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listMonthlyReports", summary = "The tenant's stored monthly reports, newest month first,"
            + " each with its JSON and PDF links (made on the first day of each month in the tenant's zone)")
    public Page<MonthlyReportSummary> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(reports.list(tenantId), null);
    }

    @POST
    @Path("{month: [0-9]{4}-[0-9]{2}}")
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(operationId = "generateMonthlyReport", summary = "Generate the month's report now (again): stored with"
            + " its PDF, replacing the one generated before; a month not over yet gives its figures so far")
    @APIResponse(responseCode = "201", description = "The report",
            content = @Content(schema = @Schema(implementation = MonthlyReportResponse.class)))
    public Response generate(@PathParam("tenantId") UUID tenantId, @PathParam("month") String month) {
        MonthlyReportResponse r = reports.generate(tenantId, month, identity.getPrincipal().getName(),
                MonthlyReport.Trigger.ON_DEMAND);
        return Response.status(201).header("Location", "/api/v1/reports/tenants/" + tenantId + "/monthly/" + month)
                .entity(r).build();
    }

    @GET
    @Path("{month: [0-9]{4}-[0-9]{2}}")
    @Operation(operationId = "getMonthlyReport", summary = "The month's report as it was generated")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = MonthlyReportResponse.class)))
    public Response get(@PathParam("tenantId") UUID tenantId, @PathParam("month") String month) {
        return Response.ok(reports.json(tenantId, month), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{month: [0-9]{4}-[0-9]{2}}.pdf")
    @Produces("application/pdf")
    @Operation(operationId = "downloadMonthlyReport", summary = "The month's report as a PDF, as it was generated")
    public Response pdf(@PathParam("tenantId") UUID tenantId, @PathParam("month") String month) {
        return Response.ok(reports.pdf(tenantId, month), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"vigil-report-" + tenantId + "-" + month + ".pdf\"")
                .build();
    }
}
