package io.vigil.cases.shift.rest;

import io.vigil.cases.shift.service.Handovers;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/shifts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shifts", description = "The provider's shift schedule: who is on which shift, when, for which clients")
@RolesAllowed("${vigil.roles.staff}")
public class ShiftResource {

    private final Handovers handovers;

    public ShiftResource(Handovers handovers) {
        this.handovers = handovers;
    }

    @GET
    @Operation(operationId = "listShifts", summary = "Every shift, with whether it is on duty now (or at=instant)")
    public Page<ShiftResponse> list(@QueryParam("at") Instant at) {
        return new Page<>(handovers.shifts(at), null);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.managers}")
    @Operation(operationId = "putShift", summary = "Create or replace a shift: its days, hours and zone (an end before"
            + " the start runs past midnight), its members, the tenants it covers (none: all its members serve)")
    public ShiftResponse put(@PathParam("name") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}",
            message = "letters, digits, space, dot, dash or underscore, at most 100") String name,
            @Valid @NotNull ShiftRequest request) {
        return handovers.put(name, request);
    }
}
