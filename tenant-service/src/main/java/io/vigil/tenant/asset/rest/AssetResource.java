package io.vigil.tenant.asset.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.asset.Asset;
import io.vigil.platform.errors.ProblemException;
import io.vigil.tenant.asset.importing.ImportReport;
import io.vigil.tenant.asset.service.AssetImportService;
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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assets", description = "The tenant's inventory: hosts, addresses and cloud accounts with their business criticality")
@Authenticated
public class AssetResource {

    private final AssetService service;
    private final AssetImportService importer;

    public AssetResource(AssetService service, AssetImportService importer) {
        this.service = service;
        this.importer = importer;
    }

    @POST
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(summary = "Register an asset of one of the caller's tenants")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The asset",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AssetResponse.class)))
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

    @POST
    @Path("import")
    @Consumes("text/csv")
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(summary = "Import an inventory CSV (header: hostname, criticality and any of fqdn, addresses, owner,"
            + " environment, cloud_account_id, tags); upserts by hostname, reports bad rows by line")
    public ImportReport importCsv(@QueryParam("tenantId") UUID tenantId, @QueryParam("dryRun") boolean dryRun,
            @QueryParam("allOrNothing") boolean allOrNothing, String body) {
        return importer.importRows(tenantId, importer.fromCsv(body), dryRun, allOrNothing);
    }

    @POST
    @Path("import")
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(summary = "Import an inventory as a JSON array of assets (same fields as a single asset)")
    public ImportReport importJson(@QueryParam("tenantId") UUID tenantId, @QueryParam("dryRun") boolean dryRun,
            @QueryParam("allOrNothing") boolean allOrNothing, String body) {
        return importer.importRows(tenantId, importer.fromJson(body), dryRun, allOrNothing);
    }

    @GET
    @Path("lookup")
    @Operation(summary = "The asset a host name (hostname, FQDN or its host part) or an IP address belongs to;"
            + " cacheable for a minute")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The asset",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AssetResponse.class)))
    public Response lookup(@QueryParam("tenantId") UUID tenantId, @QueryParam("hostname") String hostname,
            @QueryParam("ip") String ip) {
        AssetResponse found = service.lookup(tenantId, hostname, ip).orElseThrow(() -> new ProblemException.NotFound(
                "no asset of the tenant matches " + (hostname != null ? "hostname '" + hostname + "'" : "ip " + ip)));
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(60);
        return Response.ok(found).cacheControl(cache).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One asset (404 when it belongs to another tenant)")
    public AssetResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
