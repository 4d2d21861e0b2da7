package io.vigil.cases.alert.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.service.AlertQueryService;
import io.vigil.cases.alert.service.AlertVerdicts;
import io.vigil.platform.tenancy.Page;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Detection's alerts in the queue of the caller's tenants, each closable with a verdict that feeds rule tuning")
@Authenticated
public class AlertResource {

    private final AlertQueryService service;
    private final AlertVerdicts verdicts;

    public AlertResource(AlertQueryService service, AlertVerdicts verdicts) {
        this.service = service;
        this.verdicts = verdicts;
    }

    @GET
    @Operation(summary = "The alert queue of the caller's tenants, newest first")
    public Page<AlertResponse> queue(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("severity") Alert.Severity severity) {
        return service.queue(limit, cursor, severity);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert (404 when it belongs to another tenant)")
    public AlertResponse get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Path("{id}/verdict")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(summary = "Close the alert with a verdict (TRUE_POSITIVE, BENIGN_POSITIVE, FALSE_POSITIVE) and a note;"
            + " detection counts verdicts per rule and tenant. Repeating it changes nothing; a new verdict replaces"
            + " the old one")
    public AlertResponse verdict(@PathParam("id") UUID id, @Valid @NotNull VerdictRequest request) {
        return verdicts.close(id, request);
    }
}
