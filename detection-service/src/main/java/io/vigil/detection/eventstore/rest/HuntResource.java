package io.vigil.detection.eventstore.rest;

import io.vigil.detection.eventstore.service.HuntService;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hunting", description = "Search the tenant's stored events by field, text and time")
@RolesAllowed("${vigil.roles.case-workers}")
public class HuntResource {

    private final HuntService service;

    public HuntResource(HuntService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Hunt in the caller's stored events: from/to (default the last 24 h), where=field:value"
            + " (exact, repeatable), contains=field:text (case-insensitive, repeatable), newest first; or id=<event id>"
            + " (repeatable, at most 64): exactly those events, at any time unless from/to are given")
    public Page<HuntedEvent> hunt(@QueryParam("tenantId") UUID tenantId, @QueryParam("id") List<UUID> ids,
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @QueryParam("where") List<String> where,
            @QueryParam("contains") List<String> contains, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.hunt(tenantId, ids, from, to, where, contains, limit, cursor);
    }
}
