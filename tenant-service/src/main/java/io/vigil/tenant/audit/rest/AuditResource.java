package io.vigil.tenant.audit.rest;

import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.audit.service.AuditQuery;
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

@Path("/api/v1/tenants/{tenantId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail", description = "Who changed what in the tenant's preparation data, and when")
@RolesAllowed("${vigil.roles.tenant-admins}")
public class AuditResource {

    private final AuditQuery query;

    public AuditResource(AuditQuery query) {
        this.query = query;
    }

    @GET
    @Operation(summary = "Who changed what and when in the tenant's preparation data, oldest first;"
            + " filter by entityType (tenant, asset, contact, api-key, log-source, sla-policy ...)")
    public Page<AuditEntryResponse> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("entityType") String entityType, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return query.list(tenantId, entityType, limit, cursor);
    }
}
