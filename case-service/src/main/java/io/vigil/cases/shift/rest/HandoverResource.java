package io.vigil.cases.shift.rest;

import io.vigil.cases.shift.service.Handovers;
import io.vigil.cases.support.Idempotency;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Handover", description = "The shift change: open work per client, SLA at risk, regulators waiting,"
        + " the leaving shift's notes, acknowledged by the next shift")
@RolesAllowed("${vigil.roles.staff}")
public class HandoverResource {

    private final Handovers handovers;
    private final Idempotency idempotency;

    public HandoverResource(Handovers handovers, Idempotency idempotency) {
        this.handovers = handovers;
        this.idempotency = idempotency;
    }

    @GET
    @Path("handover")
    @Operation(operationId = "getHandover", summary = "The state at a change of the shift: for each client it covers"
            + " and the caller serves, open cases by severity, unassigned ones, SLA at risk or breached, regulatory"
            + " clocks running; and the shift's last stored handover")
    public HandoverResponse live(@QueryParam("shift") String shift) {
        if (shift == null || shift.isBlank()) {
            throw new ProblemException.BadRequest("name the shift: /api/v1/handover?shift=NAME");
        }
        return handovers.live(shift);
    }

    @POST
    @Path("handovers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createHandover", summary = "Hand over: the shift's notes and each client's state now,"
            + " stored for the next shift to acknowledge")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The handover",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = HandoverResponse.class)))
    public Response handOver(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull HandoverRequest request) {
        return idempotency.once(idempotencyKey, "POST /handovers", request, () -> { }, () -> {
            HandoverResponse h = handovers.handOver(request);
            return Response.status(201).header("Location", "/api/v1/handovers/" + h.id()).entity(h).build();
        });
    }

    @GET
    @Path("handovers")
    @Operation(operationId = "listHandovers", summary = "A shift's stored handovers, newest first (without the"
            + " per-client detail)")
    public Page<HandoverResponse> list(@QueryParam("shift") String shift, @QueryParam("limit") Integer limit) {
        if (shift == null || shift.isBlank()) {
            throw new ProblemException.BadRequest("name the shift: /api/v1/handovers?shift=NAME");
        }
        return new Page<>(handovers.list(shift, Cursor.limit(limit, 20, 200)), null);
    }

    @GET
    @Path("handovers/{id}")
    @Operation(operationId = "getStoredHandover", summary = "A stored handover, with what it said of each client the"
            + " caller serves")
    public HandoverResponse get(@PathParam("id") UUID id) {
        return handovers.get(id);
    }

    @POST
    @Path("handovers/{id}/acknowledge")
    @Operation(operationId = "acknowledgeHandover", summary = "The next shift takes over (once; not by the author)")
    public HandoverResponse acknowledge(@PathParam("id") UUID id) {
        return handovers.acknowledge(id);
    }
}
