package io.vigil.detection.eventstore.rest;

import io.vigil.detection.eventstore.retention.EventRetention;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/event-retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Hunting", description = "Search the tenant's stored events by field, text and time")
public class RetentionResource {

    /** How many days of the tenant's events are kept. */
    public record RetentionBody(@NotNull Integer days) {
    }

    private final EventRetention retention;

    public RetentionResource(EventRetention retention) {
        this.retention = retention;
    }

    @GET
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "How long the tenant's events are kept (its own days, else the provider default)")
    public Map<String, Object> get(@PathParam("tenantId") UUID tenantId) {
        return retention.get(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(summary = "Set how many days the tenant's events are kept (1 to 3650)")
    public Map<String, Object> set(@PathParam("tenantId") UUID tenantId, @NotNull RetentionBody body) {
        return retention.set(tenantId, body.days() == null ? 0 : body.days());
    }
}
