package io.vigil.tenant.identity.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.identity.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/service-account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant identity", description = "The tenant's users, service account and staff assignments in Keycloak")
@Authenticated
public class ServiceAccountResource {

    private final IdentityService service;

    public ServiceAccountResource(IdentityService service) {
        this.service = service;
    }

    @POST
    @Path("secret")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("${vigil.roles.provider-and-client-admins}")
    @Operation(summary = "Issue a new secret for the tenant's service account (client credentials); shown once")
    public ServiceAccountSecret rotateSecret(@PathParam("tenantId") UUID tenantId) {
        return service.rotateServiceSecret(tenantId);
    }
}
