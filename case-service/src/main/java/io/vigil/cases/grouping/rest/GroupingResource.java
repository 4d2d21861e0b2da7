package io.vigil.cases.grouping.rest;

import io.vigil.cases.grouping.GroupingRule;
import io.vigil.cases.grouping.service.GroupingRules;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/case-grouping")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Case grouping", description = "How a tenant's alerts are grouped into cases, per rule or by default")
@RolesAllowed("${vigil.roles.detection-engineers}")
public class GroupingResource {

    private final GroupingRules rules;

    public GroupingResource(GroupingRules rules) {
        this.rules = rules;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "listCaseGrouping", summary = "The tenant's grouping settings: its default (ruleId '*')"
            + " and per-rule ones; without any, alerts group by rule and host within 24 h")
    public Page<GroupingResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(rules.list(tenantId), null);
    }

    @PUT
    @Path("{ruleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putCaseGrouping", summary = "Set how a rule's alerts group into cases (ruleId 'default':"
            + " every rule without its own setting): by entities, by rule, or not at all; lookback; reopen closed")
    public GroupingResponse put(@PathParam("tenantId") UUID tenantId, @PathParam("ruleId") @Size(max = 200) String ruleId,
            @Valid @NotNull GroupingRequest request) {
        return rules.put(tenantId, rule(ruleId), request);
    }

    @DELETE
    @Path("{ruleId}")
    @Operation(operationId = "deleteCaseGrouping", summary = "Remove a rule's setting (or the default): it groups as"
            + " the tenant's default (or the provider's) again")
    public Response delete(@PathParam("tenantId") UUID tenantId, @PathParam("ruleId") String ruleId) {
        rules.delete(tenantId, rule(ruleId));
        return Response.noContent().build();
    }

    private static String rule(String path) {
        return "default".equals(path) ? GroupingRule.ANY_RULE : path;
    }
}
