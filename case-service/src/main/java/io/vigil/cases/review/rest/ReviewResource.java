package io.vigil.cases.review.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.review.service.Reviews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/{caseId}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Post-incident reviews", description = "Lessons learned from true-positive cases of high and critical"
        + " severity: root cause, what worked, what did not, follow-ups with owners and due dates")
@Authenticated
public class ReviewResource {

    private final Reviews reviews;

    public ReviewResource(Reviews reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(operationId = "getCaseReview", summary = "The case's post-incident review, with a timeline summary"
            + " generated from the case (404 before one is written)")
    public ReviewResponse get(@PathParam("caseId") UUID caseId) {
        return reviews.get(caseId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(operationId = "putCaseReview", summary = "Write or rewrite the case's post-incident review (409 unless the"
            + " case is a true positive of high or critical severity); detection and playbook follow-ups are shown to"
            + " detection engineers beside the rule's verdict counts")
    public ReviewResponse put(@PathParam("caseId") UUID caseId, @Valid @NotNull ReviewRequest request) {
        return reviews.put(caseId, request);
    }
}
