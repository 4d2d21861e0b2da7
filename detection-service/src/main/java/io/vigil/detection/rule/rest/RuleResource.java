package io.vigil.detection.rule.rest;

import io.quarkus.security.Authenticated;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.detection.rule.service.RuleService;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
@Authenticated
public class RuleResource {

    private final RuleService service;
    private final RuleCatalog catalog;
    private final io.vigil.detection.rule.service.BacktestService backtests;

    public RuleResource(RuleService service, RuleCatalog catalog,
            io.vigil.detection.rule.service.BacktestService backtests) {
        this.service = service;
        this.catalog = catalog;
        this.backtests = backtests;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Import one Sigma rule (YAML) into a pack (default: its SigmaHQ detection.* tag, else"
            + " custom). 201 new, 200 new version or unchanged; 422 with the location of a compile error")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The rule, new",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RuleResponse.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The rule, updated or unchanged",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RuleResponse.class)))
    public Response importRule(@QueryParam("pack") String pack, String yaml) {
        RuleService.Imported result = service.importRule(yaml, pack, null);
        if (result.changed()) {
            catalog.reload();
        }
        Response.ResponseBuilder rb = result.created()
                ? Response.created(URI.create("/api/v1/rules/" + result.rule().id())) : Response.ok();
        return rb.entity(result.rule()).build();
    }

    @jakarta.ws.rs.DELETE
    @Path("{id}")
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Delete a rule from the provider's catalog (staff assigned to every client only); it stops"
            + " matching at once, and alerts it raised keep its id, title and version. 404 when there is no such rule")
    public Response delete(@jakarta.ws.rs.PathParam("id") String id) {
        service.delete(id);
        catalog.reload();
        return Response.noContent().build();
    }

    @POST
    @Path("import")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Import a zip of Sigma rules (a SigmaHQ checkout or a pack): per file created, updated,"
            + " unchanged or failed with its error. Each rule's pack is the one given, else its SigmaHQ detection.*"
            + " tag, else its SigmaHQ folder (rules: core, rules-threat-hunting: threat-hunting...), else custom")
    public ZipImportResult importZip(@QueryParam("pack") String pack, byte[] zip) {
        ZipImportResult result = service.importZip(zip, pack);
        if (result.created() + result.updated() > 0) {
            catalog.reload();
        }
        return result;
    }

    @POST
    @Path("dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(summary = "Try a Sigma rule on pasted events: which ones it matches; nothing is stored or raised")
    public DryRunResult dryRun(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull DryRunRequest request) {
        return service.dryRun(request);
    }

    @POST
    @Path("backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Run a Sigma rule over the stored events of a time range: how many it would match")
    public BacktestResult backtest(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull BacktestRequest request) {
        return backtests.run(request);
    }

    @GET
    @Operation(summary = "The rule catalog, by id; of one pack with ?pack=")
    public Page<RuleResponse> list(@QueryParam("pack") String pack, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(pack, limit, cursor);
    }
}
