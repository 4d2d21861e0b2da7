package io.vigil.cases.containment.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.service.Playbooks;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/api/v1/tenants/{tenantId}/playbooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containment")
@Authenticated
public class TenantPlaybookResource {

    private final Playbooks playbooks;

    public TenantPlaybookResource(Playbooks playbooks) {
        this.playbooks = playbooks;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "listTenantPlaybooks", summary = "The tenant's own playbooks (beside the shipped ones; one of"
            + " a shipped name takes its place for this tenant)")
    public Page<PlaybookResource.PlaybookView> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(playbooks.ownOf(tenantId).stream().map(PlaybookResource::view).toList(), null);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(operationId = "putTenantPlaybook", summary = "Write the tenant's playbook of this name as its next version:"
            + " {\"title\", \"description\", \"steps\": [{\"action\", \"connector\", \"onFailure\": \"stop|continue|ask\","
            + " \"title\" (create_task), \"audience\" and \"note\" (notify)}]}")
    public PlaybookResource.PlaybookView put(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name,
            @jakarta.validation.Valid @jakarta.validation.constraints.NotNull PlaybookRequest body) {
        return PlaybookResource.view(playbooks.put(tenantId, name, body));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(operationId = "deleteTenantPlaybook", summary = "Remove the tenant's own playbook (a shipped one of that"
            + " name applies again)")
    public Response delete(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name) {
        playbooks.delete(tenantId, name);
        return Response.noContent().build();
    }
}
