package io.vigil.tenant.contact.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.contact.service.ContactService;
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

@Path("/api/v1/tenants/{tenantId}/escalation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and escalation", description = "Who to call at the client, and in which order per severity")
@Authenticated
public class EscalationResource {

    private final ContactService service;

    public EscalationResource(ContactService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The escalation matrix: per severity, whom to reach in order and after how long")
    public EscalationMatrix matrix(@PathParam("tenantId") UUID tenantId) {
        return service.matrix(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Replace the escalation matrix")
    public EscalationMatrix replace(@PathParam("tenantId") UUID tenantId, @Valid @NotNull EscalationMatrix matrix) {
        return service.replaceMatrix(tenantId, matrix);
    }
}
