package io.vigil.platform.tenancy;

import io.quarkus.oidc.OIDCException;
import io.vigil.platform.errors.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A bearer token cannot be checked while Keycloak cannot be reached (the service started during its
 * outage, so it has no signing keys yet): the caller is told to retry, 503 with Retry-After, at once, not
 * left with a 500. Ingestion with an API key does not need Keycloak and goes on.
 */
public class IdentityProviderDown {

    private static final Logger LOG = Logger.getLogger(IdentityProviderDown.class);

    @ServerExceptionMapper
    public Response unavailable(OIDCException e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.warnf("identity provider unreachable, answered 503 (%s) on %s: %s", errorId, uri == null ? "?" : uri.getPath(),
                e.getMessage());
        Problem p = new Problem(Problem.type("unavailable"), "Service unavailable", 503,
                "the identity provider that checks bearer tokens cannot be reached; retry later (error id " + errorId + ")",
                uri == null ? null : uri.getPath(), errorId, null);
        return Response.status(503).header("Retry-After", 5).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
