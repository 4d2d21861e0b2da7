package io.vigil.detection.verdict.rest;

import io.vigil.detection.verdict.service.VerdictCounts;
import io.vigil.platform.tenancy.Cursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rule's verdicts across the caller's tenants. */
@Path("/api/v1/rules/{ruleId}/verdicts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
@RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
public class VerdictResource {

    private final VerdictCounts verdicts;

    public VerdictResource(VerdictCounts verdicts) {
        this.verdicts = verdicts;
    }

    @GET
    @Operation(summary = "The analysts' verdicts on a rule's alerts, per tenant of the caller, with the false-positive rate")
    public io.vigil.platform.tenancy.Page<RuleVerdicts> forRule(@PathParam("ruleId") String ruleId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return verdicts.list(ruleId, null, cursor, Cursor.limit(limit, 100, 1000));
    }
}
