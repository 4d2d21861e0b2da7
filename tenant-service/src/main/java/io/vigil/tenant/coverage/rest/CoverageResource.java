package io.vigil.tenant.coverage.rest;

import io.quarkus.security.Authenticated;
import io.vigil.platform.errors.ProblemException;
import io.vigil.tenant.coverage.rest.CoverageModels.CalendarDto;
import io.vigil.tenant.coverage.rest.CoverageModels.CalendarResponse;
import io.vigil.tenant.coverage.rest.CoverageModels.WhoCovers;
import io.vigil.tenant.coverage.service.CoverageService;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{id}/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "Who covers the tenant when: the client's own team in its hours, else the provider")
@Authenticated
public class CoverageResource {

    private final CoverageService service;

    public CoverageResource(CoverageService service) {
        this.service = service;
    }

    @PUT
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(summary = "Set the tenant's weekly windows of client-team cover and its holidays (local times)")
    public CalendarResponse put(@PathParam("id") UUID id, @Valid @NotNull CalendarDto calendar) {
        return service.put(id, calendar);
    }

    @GET
    @Operation(summary = "The tenant's coverage calendar")
    public CalendarResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @GET
    @Path("who")
    @Operation(summary = "Who covers the tenant at an instant (default now): CLIENT, PROVIDER or both, and why")
    public WhoCovers who(@PathParam("id") UUID id, @QueryParam("at") String at) {
        return service.who(id, instant(at));
    }

    static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ProblemException.BadRequest("at must be an ISO-8601 instant such as 2026-03-30T06:00:00Z, got '" + at + "'");
        }
    }
}
