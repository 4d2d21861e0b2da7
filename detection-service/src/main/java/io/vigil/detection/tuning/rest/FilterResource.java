package io.vigil.detection.tuning.rest;

import io.vigil.detection.tuning.service.TenantFilters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/filters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
public class FilterResource {

    private final TenantFilters filters;

    public FilterResource(TenantFilters filters) {
        this.filters = filters;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Add a tenant exception as a Sigma filter (YAML), or replace the one with its id (201 new, 200 replaced). The"
            + " filter's condition is ANDed to each rule it names, for this tenant only: write 'condition: not"
            + " selection' to drop the matches the selection describes. 422 with the location of a compile error")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The filter, new",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = FilterResponse.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The filter, replaced",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = FilterResponse.class)))
    public Response put(@PathParam("tenantId") UUID tenantId, String yaml) {
        TenantFilters.Stored stored = filters.put(tenantId, yaml);
        FilterResponse f = stored.filter();
        Response.ResponseBuilder rb = stored.created()
                ? Response.created(URI.create("/api/v1/tenants/" + tenantId + "/filters/" + f.id())) : Response.ok();
        return rb.entity(f).build();
    }

    @GET
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(summary = "The tenant's filters, with how many matches each dropped")
    public io.vigil.platform.tenancy.Page<FilterResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new io.vigil.platform.tenancy.Page<>(filters.list(tenantId), null);
    }

    @GET
    @Path("{filterId}")
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(summary = "One filter of the tenant")
    public FilterResponse get(@PathParam("tenantId") UUID tenantId, @PathParam("filterId") String filterId) {
        return filters.get(tenantId, filterId);
    }

    @DELETE
    @Path("{filterId}")
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Remove a filter: the rules it named match again for the tenant")
    public Response remove(@PathParam("tenantId") UUID tenantId, @PathParam("filterId") String filterId) {
        filters.remove(tenantId, filterId);
        return Response.noContent().build();
    }
}
