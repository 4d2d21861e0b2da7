package io.vigil.cases.task.rest;

import io.vigil.cases.task.service.Tasks;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/task-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
@RolesAllowed("${vigil.roles.staff}")
public class TemplateResource {

    private final Tasks tasks;

    public TemplateResource(Tasks tasks) {
        this.tasks = tasks;
    }

    @GET
    @Operation(operationId = "listTaskTemplates", summary = "The provider's checklist templates and those of the"
            + " caller's tenants")
    public Page<TemplateResponse> list() {
        return new Page<>(tasks.templates(), null);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(operationId = "putTaskTemplate", summary = "Create or replace a checklist template, chosen for new"
            + " cases by rule, ATT&CK technique or label; the provider's, or one tenant's own")
    public TemplateResponse put(@PathParam("name") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
            message = "letters, digits, dot, dash or underscore, at most 100") String name,
            @Valid @NotNull TemplateRequest request) {
        return tasks.putTemplate(name, request);
    }
}
