package io.vigil.tenant.identity.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.identity.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant identity", description = "The tenant's users, service account and staff assignments in Keycloak")
@Authenticated
public class StaffResource {

    private final IdentityService service;

    public StaffResource(IdentityService service) {
        this.service = service;
    }

    @PUT
    @Path("{username}/tenants")
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Set the tenants a provider analyst serves (all, or a list); takes effect in their next token")
    public Map<String, List<String>> assign(@PathParam("username") String username,
            @NotNull StaffAssignment assignment) {
        return Map.of("groups", service.assignStaff(username, assignment));
    }
}
