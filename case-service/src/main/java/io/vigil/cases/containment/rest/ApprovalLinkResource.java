package io.vigil.cases.containment.rest;

import io.vigil.cases.containment.service.ApprovalLinks;
import io.vigil.cases.containment.service.DenialNotice;
import io.vigil.platform.errors.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The link a tenant's named approver receives: no Vigil login, the link itself is the credential (single use,
 * expiring). Opening it (GET) only shows the request, so a mail scanner that follows links decides nothing;
 * the decision is a POST with a reason, as JSON from a client's system or from the page's form.
 */
@Path("/api/v1/approvals/{tenantId}/{token}")
@Tag(name = "Containment")
@PermitAll
@SecurityRequirements
public class ApprovalLinkResource {

    private final ApprovalLinks links;
    private final DenialNotice denials;

    public ApprovalLinkResource(ApprovalLinks links, DenialNotice denials) {
        this.links = links;
        this.denials = denials;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getApprovalRequest", summary = "What a named approver's link asks (no sign-in: the link"
            + " is the credential); opening it decides nothing")
    public ApprovalView get(@PathParam("tenantId") UUID tenantId, @PathParam("token") String token) {
        return links.view(tenantId, token);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page(@PathParam("tenantId") UUID tenantId, @PathParam("token") String token) {
        return ApprovalPage.of(links.view(tenantId, token), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideByApprovalLink", summary = "A named approver approves or denies the step the link"
            + " was sent for, saying why; the link then works no more (409 when used or decided meanwhile, 410 once"
            + " expired)")
    public RunResponse decide(@PathParam("tenantId") UUID tenantId, @PathParam("token") String token,
            @Valid @NotNull DecisionRequest request) {
        return told(links.decide(tenantId, token, request.approve(), request.note()), request.approve());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String decideFromPage(@PathParam("tenantId") UUID tenantId, @PathParam("token") String token,
            @FormParam("decision") String decision, @FormParam("note") String note) {
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw new ProblemException.BadRequest("decision must be approve or deny");
        }
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw new ProblemException.BadRequest("say why, in at most 2,000 characters");
        }
        boolean approve = "approve".equals(decision);
        told(links.decide(tenantId, token, approve, note.strip()), approve);
        return ApprovalPage.of(links.view(tenantId, token), approve ? "Approved: the SOC goes ahead." : "Denied: the SOC"
                + " will not do it, and is told why.");
    }

    private RunResponse told(ApprovalLinks.Decided d, boolean approve) {
        if (!approve) { // whoever started the run is told, as after an admin's denial
            denials.denied(d.run(), d.step(), d.caseNumber());
        }
        return d.run();
    }
}
