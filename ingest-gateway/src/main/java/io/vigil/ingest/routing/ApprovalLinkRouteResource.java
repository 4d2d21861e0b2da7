package io.vigil.ingest.routing;

import io.vertx.core.http.HttpServerRequest;
import io.vigil.ingest.access.RateLimiter;
import io.vigil.platform.errors.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/v1/approvals/**}: the links sent to a tenant's named approvers, who have no Vigil login. The link
 * is the credential, checked by case-service; here the call needs no token, is held to the request rate of the
 * caller's address, and carries no Authorization header on.
 */
@Path("/api/v1/{route: approvals/[^/]+/[^/]+}")
@PermitAll
public class ApprovalLinkRouteResource {

    private final ApiRouter router;
    private final RateLimiter limiter;

    public ApprovalLinkRouteResource(ApiRouter router, RateLimiter limiter) {
        this.router = router;
        this.limiter = limiter;
    }

    @GET
    @Operation(hidden = true)
    public Response get(@jakarta.ws.rs.PathParam("route") String route, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return forward("GET", uri, headers, request, null);
    }

    @POST
    @Consumes("*/*")
    @Operation(hidden = true)
    public Response post(@jakarta.ws.rs.PathParam("route") String route, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServerRequest request, byte[] body) {
        return forward("POST", uri, headers, request, body);
    }

    private Response forward(String method, UriInfo uri, HttpHeaders headers, HttpServerRequest request, byte[] body) {
        String base = router.upstream("approvals").orElseThrow(() -> new ProblemException.NotFound(
                "no service answers /api/v1/approvals here"));
        limiter.chargeRequest("address:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress()));
        var forwarded = new java.util.HashMap<>(headers.getRequestHeaders());
        forwarded.keySet().removeIf(h -> h.equalsIgnoreCase("authorization"));
        ApiRouter.Answer a = router.forward(base, method, uri.getRequestUri().getRawPath(), forwarded, body);
        Response.ResponseBuilder r = Response.status(a.status()).entity(a.body().length == 0 ? null : a.body());
        a.headers().forEach((k, v) -> v.forEach(value -> r.header(k, value)));
        return r.build();
    }
}
