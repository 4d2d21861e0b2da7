package io.vigil.cases.alert.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.service.AlertQueryService;
import io.vigil.platform.tenancy.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@Authenticated
public class AlertResource {

    private final AlertQueryService service;

    public AlertResource(AlertQueryService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The alert queue of the caller's tenants, newest first")
    public Page<AlertResponse> queue(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("severity") Alert.Severity severity) {
        return service.queue(limit, cursor, severity);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert (404 when it belongs to another tenant)")
    public AlertResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
