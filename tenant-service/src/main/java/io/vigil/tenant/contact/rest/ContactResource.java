package io.vigil.tenant.contact.rest;

import io.vigil.platform.tenancy.Page;
import io.quarkus.security.Authenticated;
import io.vigil.tenant.contact.service.ContactService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and escalation", description = "Who to call at the client, and in which order per severity")
@Authenticated
public class ContactResource {

    private final ContactService service;

    public ContactResource(ContactService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Add a contact of the client")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The contact",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ContactResponse.class)))
    public Response create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull ContactRequest request) {
        ContactResponse c = service.create(tenantId, request);
        return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/contacts/" + c.id())).entity(c).build();
    }

    @GET
    @Operation(summary = "The client's contacts")
    public Page<ContactResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(service.list(tenantId), null);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Change a contact")
    public ContactResponse update(@PathParam("tenantId") UUID tenantId, @PathParam("id") UUID id,
            @Valid @NotNull ContactRequest request) {
        return service.update(tenantId, id, request);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Remove a contact (refused while the escalation matrix names it)")
    public Response delete(@PathParam("tenantId") UUID tenantId, @PathParam("id") UUID id) {
        service.delete(tenantId, id);
        return Response.noContent().build();
    }
}
