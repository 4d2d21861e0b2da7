package io.vigil.cases.automation.rest;

import io.vigil.cases.automation.service.AutomationRules;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/v1/tenants/{tenantId}/automation-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containment")
@RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
public class AutomationRuleResource {

    private final AutomationRules rules;

    public AutomationRuleResource(AutomationRules rules) {
        this.rules = rules;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "listAutomationRules", summary = "The tenant's automation rules, in the order they run")
    public Page<AutomationRuleResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(rules.list(tenantId), null);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putAutomationRule", summary = "Set a rule: a new case that matches runs the playbook by"
            + " itself; its steps still wait for the client where it did not pre-approve them")
    public AutomationRuleResponse put(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name,
            @Valid @NotNull AutomationRuleRequest request) {
        return rules.put(tenantId, name, request);
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteAutomationRule", summary = "Remove a rule")
    public Response delete(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name) {
        rules.delete(tenantId, name);
        return Response.noContent().build();
    }
}
