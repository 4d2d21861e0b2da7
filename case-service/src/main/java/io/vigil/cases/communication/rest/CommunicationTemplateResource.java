package io.vigil.cases.communication.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.communication.service.Communications;
import io.vigil.platform.tenancy.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/communication-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Communications")
@Authenticated
public class CommunicationTemplateResource {

    private final Communications communications;

    public CommunicationTemplateResource(Communications communications) {
        this.communications = communications;
    }

    @GET
    @Operation(operationId = "listCommunicationTemplates", summary = "The template of each audience (placeholders"
            + " {{case}}, {{title}}, {{severity}}, {{status}}, {{client}}, {{hosts}}, {{firstActivity}}, {{regimes}}, {{note}})")
    public Page<Communications.Template> templates() {
        return new Page<>(communications.templates(), null);
    }
}
