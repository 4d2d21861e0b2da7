package io.vigil.ingest.routing;

import io.quarkus.security.Authenticated;
import io.vigil.ingest.access.RateLimiter;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/v1/**} of the other services through the gateway: one public base URL for client systems.
 * The caller must be authenticated here (bearer token), is held to its request rate, and the call goes
 * on to the owning service, which checks the token again.
 */
@Path("/api/v1/{route: (" + ApiRouteResource.ROUTED + ")(/.*)?}")
@Authenticated
public class ApiRouteResource {

    /** The first path segments the gateway forwards (each one also a vigil.ingest.routes.* key). */
    public static final String ROUTED = "tenants|assets|vulnerabilities|staff|coverage|sla-policy|rules|intel|events|alerts|cases"
            + "|task-templates|playbooks|shifts|handover|handovers|follow-ups|communication-templates|reports";

    private final ApiRouter router;
    private final RateLimiter limiter;
    private final CurrentTenant current;

    public ApiRouteResource(ApiRouter router, RateLimiter limiter, CurrentTenant current) {
        this.router = router;
        this.limiter = limiter;
        this.current = current;
    }

    @GET
    @Operation(summary = "Forwarded to the owning service (see its OpenAPI)", hidden = true)
    public Response get(@PathParam("route") String route, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", route, uri, headers, null);
    }

    @POST
    @Consumes("*/*")
    @Operation(hidden = true)
    public Response post(@PathParam("route") String route, @Context UriInfo uri, @Context HttpHeaders headers,
            byte[] body) {
        return forward("POST", route, uri, headers, body);
    }

    @PUT
    @Consumes("*/*")
    @Operation(hidden = true)
    public Response put(@PathParam("route") String route, @Context UriInfo uri, @Context HttpHeaders headers,
            byte[] body) {
        return forward("PUT", route, uri, headers, body);
    }

    @PATCH
    @Consumes("*/*")
    @Operation(hidden = true)
    public Response patch(@PathParam("route") String route, @Context UriInfo uri, @Context HttpHeaders headers,
            byte[] body) {
        return forward("PATCH", route, uri, headers, body);
    }

    @DELETE
    @Operation(hidden = true)
    public Response delete(@PathParam("route") String route, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", route, uri, headers, null);
    }

    private Response forward(String method, String route, UriInfo uri, HttpHeaders headers, byte[] body) {
        String service = route.contains("/") ? route.substring(0, route.indexOf('/')) : route;
        String base = router.upstream(route).orElseThrow(() -> new ProblemException.NotFound(
                "no service answers /api/v1/" + service + " here"));
        limiter.chargeRequest(current.get().subject());
        String raw = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        ApiRouter.Answer a = router.forward(base, method, query == null ? raw : raw + "?" + query,
                headers.getRequestHeaders(), body);
        Response.ResponseBuilder r = Response.status(a.status()).entity(a.body().length == 0 ? null : a.body());
        a.headers().forEach((k, v) -> v.forEach(value -> r.header(k, value)));
        return r.build();
    }
}
