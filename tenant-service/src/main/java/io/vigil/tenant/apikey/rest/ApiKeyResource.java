package io.vigil.tenant.apikey.rest;

import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.apikey.service.ApiKeyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion API keys", description = "Keys client systems send telemetry with, one per log source")
@RolesAllowed("${vigil.roles.tenant-admins}")
public class ApiKeyResource {

    private final ApiKeyService service;

    public ApiKeyResource(ApiKeyService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Issue an ingestion key (the key is in this answer only)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The key, shown in this answer only",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ApiKeyResponse.class)))
    public Response create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull ApiKeyRequest request) {
        ApiKeyResponse created = service.create(tenantId, request);
        return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/api-keys/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(summary = "The tenant's keys with their last use (never the keys themselves)")
    public Page<ApiKeyResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(service.list(tenantId), null);
    }

    @DELETE
    @Path("{keyId}")
    @Operation(summary = "Revoke a key (idempotent)")
    public ApiKeyResponse revoke(@PathParam("tenantId") UUID tenantId, @PathParam("keyId") UUID keyId) {
        return service.revoke(tenantId, keyId);
    }
}
