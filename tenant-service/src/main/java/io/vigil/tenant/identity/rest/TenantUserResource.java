package io.vigil.tenant.identity.rest;

import io.vigil.platform.tenancy.Page;
import io.quarkus.security.Authenticated;
import io.vigil.tenant.identity.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant identity", description = "The tenant's users, service account and staff assignments in Keycloak")
@Authenticated
public class TenantUserResource {

    private final IdentityService service;

    public TenantUserResource(IdentityService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("${vigil.roles.provider-and-client-admins}")
    @Operation(summary = "Create a customer user (viewer, analyst or admin) of the tenant in Keycloak")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The user",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.vigil.tenant.identity.rest.UserResponse.class)))
    public Response createUser(@PathParam("tenantId") UUID tenantId, @Valid @NotNull UserRequest request) {
        return Response.status(Response.Status.CREATED).entity(service.createUser(tenantId, request)).build();
    }

    @GET
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Members of the tenant: its customer users, service account and assigned staff")
    public Page<UserResponse> users(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(service.users(tenantId), null);
    }
}
