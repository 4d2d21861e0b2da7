package io.vigil.cases.containment.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.containment.service.PlaybookRuns;
import io.vigil.cases.support.Idempotency;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/{caseId}/playbook-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containment")
@Authenticated
public class PlaybookRunResource {

    private final PlaybookRuns runs;
    private final Idempotency idempotency;
    private final io.vigil.cases.containment.service.DenialNotice denials;

    public PlaybookRunResource(PlaybookRuns runs, Idempotency idempotency,
            io.vigil.cases.containment.service.DenialNotice denials) {
        this.denials = denials;
        this.runs = runs;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listPlaybookRuns", summary = "The case's playbook runs, oldest first, each with its steps")
    public Page<RunResponse> list(@PathParam("caseId") UUID caseId) {
        return new Page<>(runs.ofCase(caseId), null);
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getPlaybookRun", summary = "One run: each step's target, approval, attempts and outcome")
    public RunResponse get(@PathParam("caseId") UUID caseId, @PathParam("runId") UUID runId) {
        return runs.get(caseId, runId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "startPlaybookRun", summary = "Run a playbook on the case: steps the client pre-approved"
            + " for the target's criticality and environment are sent at once, in order; a step it did not waits for"
            + " its admin, and the run waits with it")
    @APIResponse(responseCode = "201", description = "The run",
            content = @Content(schema = @Schema(implementation = RunResponse.class)))
    public Response start(@PathParam("caseId") UUID caseId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull RunRequest request) {
        return idempotency.once(idempotencyKey, "POST /cases/" + caseId + "/playbook-runs", request,
                () -> runs.ofCase(caseId), () -> {
                    RunResponse r = runs.start(caseId, request.playbook());
                    return Response.status(201).header("Location", "/api/v1/cases/" + caseId + "/playbook-runs/" + r.id())
                            .entity(r).build();
                });
    }

    @POST
    @Path("{runId}/steps/{position}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.client-admins}")
    @Operation(operationId = "decidePlaybookStep", summary = "The client's admin approves or denies a step waiting for"
            + " approval, saying why; a denial stops the run (its later steps are skipped) and is mailed to whoever"
            + " started it")
    public RunResponse decide(@PathParam("caseId") UUID caseId, @PathParam("runId") UUID runId,
            @PathParam("position") int position, @Valid @NotNull DecisionRequest request) {
        RunResponse run = runs.decide(caseId, runId, position, request.approve(), request.note());
        if (!request.approve()) {
            denials.denied(run, position, runs.caseNumber(caseId));
        }
        return run;
    }

    @POST
    @Path("{runId}/steps/{position}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier2-up}")
    @Operation(operationId = "resolvePlaybookStep", summary = "Decide on a failed step whose playbook asks (onFailure"
            + " ask): retry it, continue without it, or stop the run; the run waits for this decision")
    public RunResponse resolve(@PathParam("caseId") UUID caseId, @PathParam("runId") UUID runId,
            @PathParam("position") int position, @Valid @NotNull ResolutionRequest request) {
        return runs.resolve(caseId, runId, position, request.resolution(), request.note());
    }
}
