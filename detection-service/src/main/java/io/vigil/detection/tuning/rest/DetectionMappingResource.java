package io.vigil.detection.tuning.rest;

import io.vigil.detection.tuning.service.TenantMappings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/detection-mapping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
public class DetectionMappingResource {

    private final TenantMappings mappings;

    public DetectionMappingResource(TenantMappings mappings) {
        this.mappings = mappings;
    }

    @GET
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(summary = "The tenant's placeholder values (for rules using expand) and field mappings per log source")
    public DetectionMapping get(@PathParam("tenantId") UUID tenantId) {
        return mappings.get(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Set the tenant's placeholder values and field mappings; applies to its events within seconds")
    public DetectionMapping set(@PathParam("tenantId") UUID tenantId, @Valid @NotNull DetectionMapping body) {
        return mappings.set(tenantId, body);
    }
}
