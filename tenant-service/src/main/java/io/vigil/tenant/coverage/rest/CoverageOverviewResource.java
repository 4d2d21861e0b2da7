package io.vigil.tenant.coverage.rest;

import io.vigil.platform.tenancy.Page;
import io.quarkus.security.Authenticated;
import io.vigil.tenant.coverage.rest.CoverageModels.WhoCovers;
import io.vigil.tenant.coverage.service.CoverageService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "Who covers the tenant when: the client's own team in its hours, else the provider")
@Authenticated
public class CoverageOverviewResource {

    private final CoverageService service;

    public CoverageOverviewResource(CoverageService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Every tenant of the caller with who covers it at an instant (default now): the night shift's view")
    public Page<WhoCovers> all(@QueryParam("at") String at) {
        return new Page<>(service.all(CoverageResource.instant(at)), null);
    }
}
