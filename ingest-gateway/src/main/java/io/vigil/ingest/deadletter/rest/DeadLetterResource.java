package io.vigil.ingest.deadletter.rest;

import io.vigil.ingest.deadletter.DeadLetterService;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/ingest/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Telemetry and messages that could not be handled, kept with the reason, listed and replayed by staff")
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "SecurityScheme")
public class DeadLetterResource {

    private final DeadLetterService service;

    public DeadLetterResource(DeadLetterService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(summary = "Telemetry of the caller's tenants that could not be parsed, newest first")
    public Page<DeadLetterResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return service.list(limit, cursor);
    }
}
