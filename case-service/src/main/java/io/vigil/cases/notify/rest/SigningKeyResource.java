package io.vigil.cases.notify.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.notify.WebhookKey;
import io.vigil.cases.notify.service.WebhookKeys;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/webhook-signing-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@Authenticated
public class SigningKeyResource {

    private final WebhookKeys keys;
    private final CurrentTenant current;

    public SigningKeyResource(WebhookKeys keys, CurrentTenant current) {
        this.keys = keys;
        this.current = current;
    }

    @GET
    @RolesAllowed("${vigil.roles.tenant-admins}")
    @Operation(operationId = "getWebhookSigningKey", summary = "The key the tenant's webhooks are signed with"
            + " (made on first request): verify X-Vigil-Signature t=<unix>,v1=HMAC-SHA256(key, t + '.' + body)")
    @Transactional
    public SigningKeyResponse key(@PathParam("tenantId") UUID tenantId) {
        current.requireVisible(tenantId);
        return view(keys.of(tenantId));
    }

    @POST
    @Path("rotate")
    @RolesAllowed("${vigil.roles.provider-and-client-admins}")
    @Operation(operationId = "rotateWebhookSigningKey", summary = "A new signing key: deliveries from now on are"
            + " signed with it")
    @Transactional
    public SigningKeyResponse rotate(@PathParam("tenantId") UUID tenantId) {
        current.requireVisible(tenantId);
        return view(keys.rotate(tenantId));
    }

    private static SigningKeyResponse view(WebhookKey k) {
        return new SigningKeyResponse(k.tenantId, "HMAC-SHA256", k.secret, k.createdAt);
    }
}
