package io.vigil.ingest.deadletter.rest;

import io.vigil.platform.streams.DeadLetters;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter streams of every service (messages a consumer could not handle on their own merits),
 * for provider staff: listed with their reason, and replayed once the cause is fixed. Served here, at the
 * edge, because every one of them lives in Redis, which the gateway reads anyway.
 */
@Path("/api/v1/streams/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Telemetry and messages that could not be handled, kept with the reason, listed and replayed by staff")
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "SecurityScheme")
public class StreamDeadLetterResource {

    /** What a replay request names: entry ids, or none for every dead letter the caller may see. */
    public record ReplayRequest(List<String> entryIds) {
    }

    private final DeadLetters deadLetters;
    private final CurrentTenant current;

    public StreamDeadLetterResource(DeadLetters deadLetters, CurrentTenant current) {
        this.deadLetters = deadLetters;
        this.current = current;
    }

    @GET
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(summary = "Messages in a dead-letter stream (e.g. events.2.dead), oldest first, each with why it"
            + " failed; only those of the caller's tenants")
    public DeadLetters.Listing list(@QueryParam("stream") String stream, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return deadLetters.list(stream, Cursor.limit(limit, 50, 500), cursor, current.get());
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(summary = "Put dead letters back on the stream they failed on (the named entries, or all the caller"
            + " may see) and remove them from the dead-letter stream; consumers are idempotent")
    public Map<String, Object> replay(@QueryParam("stream") String stream, ReplayRequest request) {
        int n = deadLetters.replay(stream, request == null ? List.of() : request.entryIds(), current.get());
        return Map.of("stream", stream, "replayed", n);
    }
}
