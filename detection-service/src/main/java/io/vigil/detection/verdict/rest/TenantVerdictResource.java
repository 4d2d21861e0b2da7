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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's verdicts per rule: what to tune first. */
@Path("/api/v1/tenants/{tenantId}/rule-verdicts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "Sigma detection rules: the provider's catalog and each tenant's settings, filters and tests")
@RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
public class TenantVerdictResource {

    private final VerdictCounts verdicts;

    public TenantVerdictResource(VerdictCounts verdicts) {
        this.verdicts = verdicts;
    }

    @GET
    @Operation(summary = "The tenant's verdicts per rule, the rules with most false positives first: what to tune")
    public io.vigil.platform.tenancy.Page<RuleVerdicts> forTenant(@PathParam("tenantId") UUID tenantId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return verdicts.list(null, tenantId, cursor, Cursor.limit(limit, 100, 1000));
    }
}
