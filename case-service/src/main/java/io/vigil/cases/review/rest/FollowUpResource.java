package io.vigil.cases.review.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.review.service.Reviews;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Post-incident reviews")
@Authenticated
public class FollowUpResource {

    private final Reviews reviews;

    public FollowUpResource(Reviews reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(operationId = "listOpenFollowUps", summary = "Open follow-ups of the caller's tenants' reviews, soonest"
            + " due first (overdue marked)")
    public Page<ReviewResponse.FollowUpResponse> openFollowUps(
            @Parameter(description = "only this owner's") @QueryParam("owner") String owner,
            @QueryParam("limit") Integer limit) {
        return new Page<>(reviews.openFollowUps(owner, Cursor.limit(limit, 100, 500)), null);
    }
}
