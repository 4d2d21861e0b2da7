package io.vigil.tenant.sla.rest;

import io.quarkus.security.Authenticated;
import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.sla.SlaTargets;
import io.vigil.tenant.sla.service.SlaService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sla-policy/defaults")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SLA policy", description = "Response time targets per severity: provider defaults and the tenant's own")
@Authenticated
public class SlaDefaultsResource {

    private final SlaService service;

    public SlaDefaultsResource(SlaService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The provider's default SLA per severity")
    public Map<Severity, SlaTargets> defaults() {
        return service.defaults();
    }

    @PUT
    @RolesAllowed("${vigil.roles.provider-admins}")
    @Operation(summary = "Change the provider's defaults for the severities given")
    public Map<Severity, SlaTargets> set(@NotNull Map<Severity, @Valid @NotNull SlaTargets> targets) {
        return service.setDefaults(targets);
    }
}
