package io.vigil.cases.task.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.support.Idempotency;
import io.vigil.cases.task.service.Tasks;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

@Path("/api/v1/cases/{caseId}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "A case's checklist: from the templates that match it, and added by hand")
@Authenticated
public class TaskResource {

    private final Tasks tasks;
    private final Idempotency idempotency;
    private final io.vigil.cases.task.service.PatchTasks patches;
    private final io.vigil.cases.task.service.Recovery recovery;

    public TaskResource(Tasks tasks, Idempotency idempotency, io.vigil.cases.task.service.PatchTasks patches,
            io.vigil.cases.task.service.Recovery recovery) {
        this.recovery = recovery;
        this.patches = patches;
        this.tasks = tasks;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listCaseTasks", summary = "The case's tasks, in order, with who did each and when")
    public Page<TaskResponse> list(@PathParam("caseId") UUID caseId) {
        return new Page<>(tasks.list(caseId), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "addCaseTask", summary = "Add a task to the case by hand")
    @APIResponse(responseCode = "201", description = "The task",
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response add(@PathParam("caseId") UUID caseId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull TaskRequest request) {
        return idempotency.once(idempotencyKey, "POST /cases/" + caseId + "/tasks", request, () -> tasks.list(caseId),
                () -> {
                    TaskResponse t = tasks.add(caseId, request);
                    return Response.status(201).header("Location", "/api/v1/cases/" + caseId + "/tasks/" + t.id())
                            .entity(t).build();
                });
    }

    @POST
    @Path("patches")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "addCasePatchTasks", summary = "Add patch tasks from what the scanners found open on the"
            + " case's hosts: for one CVE (and host), or one per known-exploited or critical CVE; each closes by itself"
            + " when a later scan no longer finds its CVE on its asset")
    @APIResponse(responseCode = "201", description = "The tasks added (none when every one exists already)",
            content = @Content(schema = @Schema(implementation = TaskResponse.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Response addPatches(@PathParam("caseId") UUID caseId, @Valid PatchTaskRequest request) {
        return Response.status(201).entity(patches.add(caseId, request)).build();
    }

    @POST
    @Path("recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "startCaseRecovery", summary = "Add the recovery tasks (restore and validate each host,"
            + " monitor for recurrence) and watch the case's observables for watchDays (14 by default): while the watch"
            + " lasts, an alert naming one of them reopens the resolved or closed case")
    public RecoveryResponse recovery(@PathParam("caseId") UUID caseId, @Valid RecoveryRequest request) {
        return recovery.start(caseId, request);
    }

    @PATCH
    @Path("{taskId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "updateCaseTask", summary = "Mark a task DONE, SKIPPED or OPEN again, or give it to"
            + " someone (me: the caller; empty: nobody)")
    public TaskResponse update(@PathParam("caseId") UUID caseId, @PathParam("taskId") UUID taskId,
            @Valid @NotNull TaskUpdate update) {
        return tasks.update(caseId, taskId, update);
    }
}
