package io.vigil.cases.evidence.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.evidence.service.EvidenceLocker;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/{caseId}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence", description = "Files collected for a case, kept with their SHA-256 and a chain of custody;"
        + " never served outside the case's tenant")
@Authenticated
public class EvidenceResource {

    private final EvidenceLocker locker;
    private final io.vigil.cases.support.Idempotency idempotency;

    public EvidenceResource(EvidenceLocker locker, io.vigil.cases.support.Idempotency idempotency) {
        this.locker = locker;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD})
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "addCaseEvidence", summary = "Upload a file as evidence (the body is the file; name= its"
            + " file name). Its SHA-256 is computed on arrival; X-Content-SHA256, when sent, must match or nothing is stored")
    @APIResponse(responseCode = "201", description = "The evidence",
            content = @Content(schema = @Schema(implementation = EvidenceResponse.class)))
    public Response add(@PathParam("caseId") UUID caseId, @QueryParam("name") String name,
            @QueryParam("description") String description, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Content-SHA256") String expectedSha256, @HeaderParam("Idempotency-Key") String idempotencyKey,
            byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        String request = name + "|" + description + "|" + contentType + "|" + EvidenceLocker.sha256(bytes);
        return idempotency.once(idempotencyKey, "POST /cases/" + caseId + "/evidence", request,
                () -> locker.list(caseId), () -> {
                    EvidenceResponse e = locker.add(caseId, name, contentType, description, expectedSha256, bytes);
                    return Response.status(201).entity(e).header("Location",
                            "/api/v1/cases/" + caseId + "/evidence/" + e.id()).build();
                });
    }

    @GET
    @Operation(operationId = "listCaseEvidence", summary = "The case's evidence, oldest first")
    public Page<EvidenceResponse> list(@PathParam("caseId") UUID caseId) {
        return new Page<>(locker.list(caseId), null);
    }

    @GET
    @Path("{evidenceId}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "downloadCaseEvidence", summary = "The file; X-Content-SHA256 is its hash now and"
            + " X-Evidence-Intact whether that is the hash it was collected with. The download joins the chain of custody")
    public Response download(@PathParam("caseId") UUID caseId, @PathParam("evidenceId") UUID evidenceId) {
        EvidenceLocker.Content c = locker.download(caseId, evidenceId);
        return Response.ok(c.bytes(), c.evidence().contentType)
                .header("Content-Disposition", "attachment; filename=\"" + c.evidence().fileName.replace("\"", "") + "\"")
                .header("X-Content-SHA256", c.sha256()).header("X-Evidence-Intact", c.intact()).build();
    }

    @GET
    @Path("{evidenceId}/custody")
    @Operation(operationId = "getCaseEvidenceCustody", summary = "The evidence's chain of custody: who collected and"
            + " who downloaded it, when, and the SHA-256 it had each time")
    public Page<CustodyEntry> custody(@PathParam("caseId") UUID caseId, @PathParam("evidenceId") UUID evidenceId) {
        return new Page<>(locker.custody(caseId, evidenceId), null);
    }
}
