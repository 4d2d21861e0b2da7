package io.vigil.cases.containment.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.service.PlaybookCatalog;
import io.vigil.platform.tenancy.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/playbooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containment", description = "Playbooks run on a case through the tenant's connectors: pre-approved"
        + " actions at once, the others after the client's admin approves; every step on the case's timeline")
@Authenticated
public class PlaybookResource {

    @Schema(name = "Playbook")
    public record PlaybookView(String name, int version, String title, String description, List<StepView> steps) {
    }

    @Schema(name = "PlaybookStep")
    public record StepView(String action, String target, String connector, Playbook.OnFailure onFailure, int timeoutSeconds) {
    }

    private final PlaybookCatalog catalog;

    public PlaybookResource(PlaybookCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(operationId = "listPlaybooks", summary = "The playbooks a case can run: ordered steps, each an action on"
            + " the case's targets of one kind (host, user, ip, domain, file-hash) through a named connector")
    public Page<PlaybookView> list() {
        return new Page<>(catalog.all().stream().map(PlaybookResource::view).toList(), null);
    }

    static PlaybookView view(Playbook p) {
        return new PlaybookView(p.name(), p.version(), p.title(), p.description(), p.steps().stream()
                .map(s -> new StepView(s.action().wire(), s.action().target == null ? "case" : s.action().target.wire(),
                        s.connector(), s.onFailure(), s.timeoutSeconds())).toList());
    }
}
