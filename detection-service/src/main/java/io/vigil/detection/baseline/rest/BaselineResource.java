package io.vigil.detection.baseline.rest;

import io.vigil.detection.baseline.service.BaselineSettingsStore;
import io.vigil.platform.tenancy.Cursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/baselines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Baselines", description = "What each tenant's telemetry normally looks like, learned per tenant, and the anomalies it flags")
public class BaselineResource {

    private final BaselineSettingsStore store;

    public BaselineResource(BaselineSettingsStore store) {
        this.store = store;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(summary = "The tenant's baselines: settings, learning period (event time) and facts learned per kind")
    public BaselineStatus get(@PathParam("tenantId") UUID tenantId) {
        return store.status(tenantId);
    }

    @PUT
    @RolesAllowed("${vigil.roles.detection-engineers}")
    @Operation(summary = "Set the learning period, the first-seen kinds that raise alerts (logon-source, process,"
            + " parent-child, admin-tool) and the volume threshold")
    public BaselineStatus set(@PathParam("tenantId") UUID tenantId, @Valid @NotNull BaselineSettings body) {
        return store.set(tenantId, body);
    }

    @GET
    @Path("facts")
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(summary = "What the baselines learned (a user's logon sources, a host's parent-child pairs...),"
            + " with when each fact was first seen; of one kind and entity with ?kind= and ?entity=")
    public io.vigil.platform.tenancy.Page<LearnedFact> facts(@PathParam("tenantId") UUID tenantId,
            @QueryParam("kind") String kind, @QueryParam("entity") String entity, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return store.facts(tenantId, kind, entity, cursor, Cursor.limit(limit, 100, 1000));
    }
}
