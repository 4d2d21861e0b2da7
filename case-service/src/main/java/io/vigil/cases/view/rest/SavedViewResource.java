package io.vigil.cases.view.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.view.service.SavedViews;
import io.vigil.platform.tenancy.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Saved views", description = "Each analyst's named filters of the queue, such as 'my work' or"
        + " 'night shift'; GET /api/v1/cases?view=NAME uses one")
@Authenticated
public class SavedViewResource {

    private final SavedViews views;

    public SavedViewResource(SavedViews views) {
        this.views = views;
    }

    @GET
    @Operation(operationId = "listSavedViews", summary = "The caller's saved views")
    public Page<NamedView> mine() {
        return new Page<>(views.mine(), null);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveView", summary = "Create or replace one of the caller's views")
    public NamedView save(@PathParam("name") @Pattern(regexp = io.vigil.cases.support.Names.SLUG,
            message = "must be 1-63 lower-case letters, digits or '-'") String name, @Valid @NotNull SavedView view) {
        return views.save(name, view);
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteView", summary = "Delete one of the caller's views")
    public void delete(@PathParam("name") String name) {
        views.delete(name);
    }
}
