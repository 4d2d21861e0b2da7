package io.vigil.reporting.attack.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.attack.service.AttackMatrix;
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

@Path("/api/v1/reports/tenants/{tenantId}/attack")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@Authenticated
public class AttackResource {

    private final AttackMatrix matrix;

    public AttackResource(AttackMatrix matrix) {
        this.matrix = matrix;
    }

    @GET
    @Operation(operationId = "getAttackMatrix", summary = "The ATT&CK techniques and tactics the period's cases reached,"
            + " as a matrix by tactic: every Enterprise tactic in order, each with its cases and techniques")
    public AttackResponse matrix(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "A calendar month in the tenant's time zone, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return matrix.matrix(tenantId, month, from, to);
    }
}
