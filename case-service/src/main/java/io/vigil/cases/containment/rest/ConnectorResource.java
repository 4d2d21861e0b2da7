package io.vigil.cases.containment.rest;

import io.vigil.cases.containment.repository.ConnectorRepository;
import io.vigil.cases.containment.service.Connectors;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantId}/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containment")
@RolesAllowed("${vigil.roles.tenant-admins}")
public class ConnectorResource {

    private final Connectors connectors;

    public ConnectorResource(Connectors connectors) {
        this.connectors = connectors;
    }

    @GET
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "listConnectors", summary = "The tenant's connectors, by the names playbooks use")
    public Page<ConnectorResponse> list(@PathParam("tenantId") UUID tenantId) {
        return new Page<>(connectors.list(tenantId).stream().map(ConnectorResource::view).toList(), null);
    }

    @GET
    @Path("{name}")
    @RolesAllowed("${vigil.roles.staff-and-client-admins}")
    @Operation(operationId = "getConnector", summary = "One connector")
    public ConnectorResponse get(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name) {
        return view(connectors.get(tenantId, name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putConnector", summary = "Set where the named connector sends actions; an internal"
            + " address (loopback, link-local, private, cloud metadata) is refused unless the operator allowed it")
    public ConnectorResponse put(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name,
            @Valid @NotNull ConnectorRequest request) {
        return view(connectors.put(tenantId, name, request.kind(), request.url(), request.settings(), request.secret()));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteConnector", summary = "Remove a connector: steps naming it fail until it is set again")
    public Response delete(@PathParam("tenantId") UUID tenantId, @PathParam("name") String name) {
        connectors.delete(tenantId, name);
        return Response.noContent().build();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static ConnectorResponse view(ConnectorRepository.Row r) {
        java.util.Map<String, String> settings;
        try {
            settings = JSON.readValue(r.settings() == null ? "{}" : r.settings(),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored connector settings are not readable", e);
        }
        return new ConnectorResponse(r.tenantId(), r.name(), r.kind(), r.url(), settings, r.secret() != null,
                r.updatedAt(), r.updatedBy());
    }
}
