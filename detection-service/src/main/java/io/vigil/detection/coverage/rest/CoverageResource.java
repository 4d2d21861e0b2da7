package io.vigil.detection.coverage.rest;

import io.vigil.detection.coverage.RuleCoverage;
import io.vigil.detection.coverage.service.Coverage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which of a tenant's rules can fire with the events it sends, by ATT&CK technique: where it is blind. */
@Path("/api/v1/tenants/{tenantId}/rule-coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
@RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
public class CoverageResource {

    private final Coverage coverage;

    public CoverageResource(Coverage coverage) {
        this.coverage = coverage;
    }

    @GET
    @Operation(operationId = "getRuleCoverage", summary = "The ATT&CK techniques the tenant's enabled rules can detect with"
            + " the events it sent lately, and the rules that are blind for want of a log source")
    public RuleCoverage of(@PathParam("tenantId") UUID tenantId) {
        return coverage.of(tenantId);
    }
}
