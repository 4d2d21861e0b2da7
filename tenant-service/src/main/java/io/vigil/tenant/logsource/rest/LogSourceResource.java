package io.vigil.tenant.logsource.rest;

import io.vigil.platform.tenancy.Page;
import io.quarkus.security.Authenticated;
import io.vigil.tenant.logsource.LogSource;
import io.vigil.tenant.logsource.service.LogSourceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/log-sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Log sources", description = "What the tenant sends, and whether each source went silent")
@Authenticated
public class LogSourceResource {

    private final LogSourceService service;

    public LogSourceResource(LogSourceService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(summary = "Declare a log source the tenant sends")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The log source",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = LogSourceResponse.class)))
    public Response create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull LogSourceRequest request) {
        LogSourceResponse created = service.create(tenantId, request);
        return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/log-sources/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(summary = "The tenant's log sources with their health (filter: health=SILENT)")
    public Page<LogSourceResponse> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("health") LogSource.Health health) {
        return new Page<>(service.list(tenantId, health), null);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One log source and its health")
    public LogSourceResponse get(@PathParam("tenantId") UUID tenantId, @PathParam("id") UUID id) {
        return service.get(tenantId, id);
    }
}
