package io.vigil.cases.notify.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.notify.service.Notifier;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "The client's people told of a case through its escalation matrix:"
        + " signed webhooks and e-mail, re-escalated while nobody acknowledges")
@Authenticated
public class NotificationResource {

    private final Notifier notifier;
    private final CaseRepository cases;
    private final CurrentTenant current;

    public NotificationResource(Notifier notifier, CaseRepository cases, CurrentTenant current) {
        this.notifier = notifier;
        this.cases = cases;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listCaseNotifications", summary = "Every rung of the escalation matrix reached for"
            + " the case, in order: whom, by which channel, when due, and the outcome")
    @Transactional
    public Page<NotificationResponse> ofCase(@PathParam("id") UUID id) {
        UUID caseId = cases.findVisible(id, current.get()).id;
        return new Page<>(notifier.of(caseId).stream().map(NotificationResponse::of).toList(), null);
    }
}
