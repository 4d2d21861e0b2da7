package io.vigil.tenant.tenant.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.identity.service.IdentityProvisioner;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.service.TenantLifecycle;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "The MSSP's clients: SOC model, time zone, lifecycle (onboarding, active, suspended, offboarded)")
@Authenticated
public class TenantResource {

    private final TenantService service;
    private final TenantLifecycle lifecycle;
    private final IdentityProvisioner provisioner;

    public TenantResource(TenantService service, TenantLifecycle lifecycle, IdentityProvisioner provisioner) {
        this.service = service;
        this.lifecycle = lifecycle;
        this.provisioner = provisioner;
    }

    @POST
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Onboard a client: ACTIVE once its identity is provisioned in Keycloak, else ONBOARDING"
            + " with the reason (retried in the background)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The tenant, onboarding or active",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TenantResponse.class)))
    public Response create(@Valid @NotNull TenantRequest request) {
        TenantResponse created = lifecycle.onboard(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.id())).entity(created)
                .tag(etag(created)).build();
    }

    @GET
    @Operation(summary = "Tenants the caller may see, oldest first, optionally of one status")
    public Page<TenantResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("status") Tenant.Status status) {
        return service.list(limit, cursor, status);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One tenant (404 when it is not one of the caller's); ETag carries its version")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The tenant; ETag carries its version",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TenantResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        TenantResponse t = service.get(id);
        return Response.ok(t).tag(etag(t)).build();
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(summary = "Change name, SOC model, time zone or industry; send If-Match with the ETag you read")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The tenant as changed; ETag carries its new version",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TenantResponse.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull TenantUpdate update) {
        TenantResponse t = service.update(id, update, version(ifMatch));
        return Response.ok(t).tag(etag(t)).build();
    }

    @POST
    @Path("{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Suspend an ACTIVE tenant: the gateway refuses its telemetry until it is resumed")
    public TenantResponse suspend(@PathParam("id") UUID id, @Valid @NotNull StatusChange change) {
        return lifecycle.suspend(id, change.reason());
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Resume a SUSPENDED tenant")
    public TenantResponse resume(@PathParam("id") UUID id, @Valid @NotNull StatusChange change) {
        return lifecycle.resume(id, change.reason());
    }

    @POST
    @Path("{id}/offboard")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Offboard a tenant: its users and service account are disabled, its keys revoked")
    public TenantResponse offboard(@PathParam("id") UUID id, @Valid @NotNull StatusChange change) {
        return lifecycle.offboard(id, change.reason());
    }

    @POST
    @Path("{id}/provision")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Retry provisioning the tenant's identity now (idempotent)")
    public TenantResponse provision(@PathParam("id") UUID id) {
        return provisioner.provision(id);
    }

    private static EntityTag etag(TenantResponse t) {
        return new EntityTag(Long.toString(t.version()));
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException.BadRequest("If-Match must be the ETag of the tenant, e.g. \"3\"; got " + ifMatch);
        }
    }
}
