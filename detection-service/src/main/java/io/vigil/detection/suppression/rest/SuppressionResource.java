package io.vigil.detection.suppression.rest;

import io.vigil.detection.suppression.service.Suppressions;
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
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rules/{ruleId}/suppressions/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
@RolesAllowed("${vigil.roles.detection-engineers}")
public class SuppressionResource {

    private final Suppressions suppressions;

    public SuppressionResource(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @PUT
    @Operation(summary = "Suppress a rule for a tenant: one alert per group of field values per window")
    public SuppressionResponse set(@PathParam("ruleId") String ruleId, @PathParam("tenantId") UUID tenantId,
            @Valid @NotNull SuppressionRequest request) {
        return suppressions.set(ruleId, tenantId, request);
    }

    @GET
    @Operation(summary = "The suppression and how many alerts it held back")
    public SuppressionResponse get(@PathParam("ruleId") String ruleId, @PathParam("tenantId") UUID tenantId) {
        return suppressions.get(ruleId, tenantId);
    }

    @DELETE
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop suppressing")
    public Response remove(@PathParam("ruleId") String ruleId, @PathParam("tenantId") UUID tenantId) {
        suppressions.remove(ruleId, tenantId);
        return Response.noContent().build();
    }
}
