package io.vigil.tenant.asset.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.service.AssetService;
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

@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assets")
@Authenticated
public class AssetResource {

    private final AssetService service;

    public AssetResource(AssetService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({"provider-admin", "soc-manager", "soc-tier2", "soc-tier3", "customer-admin"})
    @Operation(summary = "Register an asset of one of the caller's tenants")
    public Response create(@Valid @NotNull AssetRequest request) {
        AssetResponse created = service.create(request);
        return Response.created(URI.create("/api/v1/assets/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "Assets of the caller's tenants, oldest first")
    public Page<AssetResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("criticality") Asset.Criticality criticality) {
        return service.list(limit, cursor, criticality);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One asset (404 when it belongs to another tenant)")
    public AssetResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
