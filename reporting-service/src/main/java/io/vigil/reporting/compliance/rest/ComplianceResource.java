package io.vigil.reporting.compliance.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.compliance.service.ComplianceService;
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

@Path("/api/v1/reports/tenants/{tenantId}/compliance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@Authenticated
public class ComplianceResource {

    private final ComplianceService service;

    public ComplianceResource(ComplianceService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "getComplianceView", summary = "The period's incident handling as NIST CSF 2.0 outcomes"
            + " (DE.CM, DE.AE, RS.MA, RS.AN, RS.CO, RS.MI, RC.RP, RC.CO) and ISO/IEC 27001:2022 controls A.5.24-A.5.28,"
            + " each with its evidence and what is missing, naming the cases")
    public ComplianceResponse compliance(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "A calendar month in the tenant's time zone, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return service.compliance(tenantId, month, from, to);
    }
}
