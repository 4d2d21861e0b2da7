package io.vigil.detection.intel.rest;

import io.quarkus.security.Authenticated;
import io.vigil.detection.intel.service.IntelService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/intel/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Threat intel", description = "Indicators (STIX 2.1 or plain) matched against every event, provider-wide or per tenant")
@Authenticated
public class IntelResource {

    private final IntelService service;

    public IntelResource(IntelService service) {
        this.service = service;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "text/csv"})
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(summary = "Import indicators: a STIX 2.x bundle (format=stix) or one value per line / CSV (format=list); "
            + "provider-wide without tenantId. Re-importing updates, never duplicates.")
    public IntelService.Imported importIndicators(@QueryParam("format") String format, @QueryParam("tenantId") UUID tenantId,
            @QueryParam("source") @DefaultValue("api") String source, String body) {
        return service.importIndicators(format, body, tenantId, source);
    }

    @jakarta.ws.rs.DELETE
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(summary = "Delete indicators by value (and type, source): provider-wide without tenantId, else the"
            + " tenant's own. Answers how many were deleted; matching stops within the cache's minute")
    public java.util.Map<String, Integer> delete(@QueryParam("value") String value, @QueryParam("type") String type,
            @QueryParam("source") String source, @QueryParam("tenantId") UUID tenantId) {
        return java.util.Map.of("deleted", service.delete(tenantId, value, type, source));
    }
}
