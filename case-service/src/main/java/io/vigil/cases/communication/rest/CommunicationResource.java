package io.vigil.cases.communication.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.communication.Communication;
import io.vigil.cases.communication.service.Communications;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

@Path("/api/v1/cases/{caseId}/communications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Communications", description = "Who was told what about a case, and when: client IT, legal,"
        + " communications, executives, regulators; from a template per audience")
@Authenticated
public class CommunicationResource {

    private final Communications communications;

    public CommunicationResource(Communications communications) {
        this.communications = communications;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "recordCaseCommunication", summary = "Record a communication about the case (to whom, in"
            + " which role, channel, when, what); the text comes from the audience's template unless given. The provider"
            + " telling the client's IT or executives meets the case's notify promise")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "What was told, as recorded",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CommunicationResponse.class)))
    public Response record(@PathParam("caseId") UUID caseId, @Valid @NotNull CommunicationRequest request) {
        return Response.status(201).entity(communications.record(caseId, request)).build();
    }

    @GET
    @Operation(operationId = "listCaseCommunications", summary = "Everything told about the case, in the order it was sent")
    public Page<CommunicationResponse> list(@PathParam("caseId") UUID caseId,
            @QueryParam("audience") Communication.Audience audience) {
        return new Page<>(communications.list(caseId, audience), null);
    }
}
