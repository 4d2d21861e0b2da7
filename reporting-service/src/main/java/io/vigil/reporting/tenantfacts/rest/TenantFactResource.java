package io.vigil.reporting.tenantfacts.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.tenantfacts.service.TenantFactService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Figures for the client's CIO and the provider's SOC manager")
@Authenticated
public class TenantFactResource {

    private final TenantFactService service;

    public TenantFactResource(TenantFactService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The caller's tenants as reporting knows them")
    public io.vigil.platform.tenancy.Page<TenantFactResponse> list() {
        return new io.vigil.platform.tenancy.Page<>(service.visible(), null);
    }
}
