package io.vigil.tenant.tenant.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.tenant.service.TenantService;
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

@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@Authenticated
public class TenantResource {

    private final TenantService service;

    public TenantResource(TenantService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("provider-admin")
    @Operation(summary = "Onboard a client (status ONBOARDING)")
    public Response create(@Valid @NotNull TenantRequest request) {
        TenantResponse created = service.create(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "Tenants the caller may see, oldest first")
    public Page<TenantResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return service.list(limit, cursor);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One tenant (404 when it is not one of the caller's)")
    public TenantResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
