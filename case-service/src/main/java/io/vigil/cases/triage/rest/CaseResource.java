package io.vigil.cases.triage.rest;

import io.quarkus.security.Authenticated;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.rest.AlertResponse;
import io.vigil.cases.audit.rest.AuditEntry;
import io.vigil.cases.audit.rest.ChainVerification;
import io.vigil.cases.comment.rest.CommentRequest;
import io.vigil.cases.comment.rest.CommentResponse;
import io.vigil.cases.comment.service.Comments;
import io.vigil.cases.observable.rest.ObservableRequest;
import io.vigil.cases.observable.rest.ObservableResponse;
import io.vigil.cases.observable.rest.RelatedCase;
import io.vigil.cases.observable.service.Observables;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseFilter;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.cases.triage.service.CaseService;
import io.vigil.cases.view.rest.SavedView;
import io.vigil.cases.view.service.SavedViews;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vigil.cases.sla.rest.ClockResponse;
import io.vigil.cases.sla.rest.NotificationRequest;
import io.vigil.cases.sla.rest.NotificationResponse;
import io.vigil.cases.sla.rest.ReportableRequest;
import io.vigil.cases.sla.service.RegulatoryClocks;
import io.vigil.cases.triage.service.StoredEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "The one queue across the caller's tenants: alerts grouped into cases, worked by"
        + " tiers 1-3 and closed with a classification; every change audited in a hash chain")
@Authenticated
public class CaseResource {


    private final CaseService service;
    private final Observables observables;
    private final Comments comments;
    private final SavedViews views;
    private final RegulatoryClocks regulatory;
    private final StoredEvents storedEvents;
    private final org.eclipse.microprofile.jwt.JsonWebToken jwt;
    private final io.vigil.cases.support.Idempotency idempotency;

    public CaseResource(CaseService service, Observables observables, Comments comments, SavedViews views,
            RegulatoryClocks regulatory, StoredEvents storedEvents, org.eclipse.microprofile.jwt.JsonWebToken jwt,
            io.vigil.cases.support.Idempotency idempotency) {
        this.idempotency = idempotency;
        this.storedEvents = storedEvents;
        this.jwt = jwt;
        this.regulatory = regulatory;
        this.views = views;
        this.service = service;
        this.observables = observables;
        this.comments = comments;
    }

    /** The timeline's page type, for the published contract. */
    @Schema(name = "TimelinePage")
    public record TimelinePage(List<TimelineEntry> items, String nextCursor) {
    }

    /** The queue's page type, for the published contract. */
    public static class CasePage {
        public List<CaseResponse> items;
        public String nextCursor;
    }

    @GET
    @Operation(operationId = "listCases", summary = "The queue: every case of the caller's tenants, the soonest SLA"
            + " deadline first (breached on top; or by priority, severity, created, updated), narrowed by the filters or by one of the caller's saved"
            + " views (view=NAME; the query's own filters win); assignee=me is the caller; X-Total-Count counts"
            + " them all up to 1,000, beyond which X-Total-Count-At-Least: 1000 says so")
    @APIResponse(responseCode = "200", description = "One page", headers = {@Header(name = "X-Total-Count",
            description = "How many cases the filters admit, when 1,000 or fewer", schema = @Schema(type = SchemaType.INTEGER)),
            @Header(name = "X-Total-Count-At-Least", description = "Instead of X-Total-Count when more than 1,000 cases"
                    + " match: the exact figure would cost a scan of them all", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(schema = @Schema(implementation = CasePage.class)))
    public Response queue(@QueryParam("tenantId") List<UUID> tenantIds, @QueryParam("status") List<Case.Status> statuses,
            @QueryParam("severity") List<Alert.Severity> severities, @QueryParam("assignee") String assignee,
            @QueryParam("tier") Integer tier, @QueryParam("ruleId") String ruleId,
            @QueryParam("technique") String technique, @QueryParam("host") String host,
            @QueryParam("minPriority") Integer minPriority,
            @QueryParam("slaState") List<io.vigil.cases.sla.SlaState> slaStates, @QueryParam("createdFrom") Instant createdFrom,
            @QueryParam("createdTo") Instant createdTo, @QueryParam("updatedFrom") Instant updatedFrom,
            @QueryParam("updatedTo") Instant updatedTo, @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("view") String view) {
        if (view != null) { // the caller's saved view; what the query gives besides wins
            SavedView v = views.get(view);
            tenantIds = tenantIds == null || tenantIds.isEmpty() ? v.tenantIds() : tenantIds;
            statuses = statuses == null || statuses.isEmpty() ? v.statuses() : statuses;
            severities = severities == null || severities.isEmpty() ? v.severities() : severities;
            assignee = assignee == null ? v.assignee() : assignee;
            tier = tier == null ? v.tier() : tier;
            ruleId = ruleId == null ? v.ruleId() : ruleId;
            technique = technique == null ? v.technique() : technique;
            host = host == null ? v.host() : host;
            minPriority = minPriority == null ? v.minPriority() : minPriority;
            slaStates = slaStates == null || slaStates.isEmpty() ? v.slaStates() : slaStates;
            sort = sort == null ? v.sort() : sort;
        }
        if ("me".equals(assignee)) {
            assignee = service.me();
        }
        CaseRepository.Sort order;
        try {
            order = sort == null ? CaseRepository.Sort.SLA : CaseRepository.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException.BadRequest("sort must be one of sla, priority, severity, created, updated");
        }
        CaseService.QueuePage page = service.queue(new CaseFilter(tenantIds, statuses, severities, assignee, tier, ruleId,
                technique, host, minPriority, slaStates, createdFrom, createdTo, updatedFrom, updatedTo), order, cursor,
                Cursor.limit(limit, 50, 500));
        return Response.ok(page.page()).header(page.exact() ? "X-Total-Count" : "X-Total-Count-At-Least", page.total())
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCase", summary = "One case with its priority factors; its ETag is its version"
            + " (404 when it belongs to another tenant)")
    @APIResponse(responseCode = "200", description = "The case", content = @Content(schema = @Schema(implementation = CaseResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        return tagged(service.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "updateCase", summary = "Change status (allowed moves only), tier (with a note), assignee,"
            + " severity (with a reason), title, description, labels or owner; If-Match with the ETag answers 412"
            + " when someone changed it meanwhile")
    @APIResponse(responseCode = "200", description = "The case after the change", content = @Content(schema = @Schema(implementation = CaseResponse.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull CaseUpdate update) {
        return tagged(service.update(id, update, version(ifMatch)));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "closeCase", summary = "Close with a classification, its reason, the root cause and a"
            + " comment; the case's alerts get the same verdict, which detection counts per rule")
    @APIResponse(responseCode = "200", description = "The closed case", content = @Content(schema = @Schema(implementation = CaseResponse.class)))
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull CloseRequest request) {
        return tagged(service.close(id, request, version(ifMatch)));
    }

    @POST
    @Path("{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "reopenCase", summary = "Reopen a resolved or closed case, with a reason")
    @APIResponse(responseCode = "200", description = "The reopened case", content = @Content(schema = @Schema(implementation = CaseResponse.class)))
    public Response reopen(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ReopenRequest request) {
        return tagged(service.reopen(id, request, version(ifMatch)));
    }

    @GET
    @Path("{id}/alerts")
    @Operation(operationId = "listCaseAlerts", summary = "The case's alerts, oldest activity first")
    public Page<AlertResponse> alerts(@PathParam("id") UUID id) {
        return whole(service.alertsOf(id));
    }

    @GET
    @Path("{id}/timeline")
    @Operation(operationId = "getCaseTimeline", summary = "The case reconstructed, oldest first: its alerts, the"
            + " telemetry events they were raised on (from detection's event store, read with the caller's own"
            + " rights), comments and every action; kind=alert, event, action or comment keeps one kind")
    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(schema = @Schema(implementation = TimelinePage.class)), headers = @Header(name = "X-Vigil-Partial",
            description = "Present when a part could not be read in time (events: the event store did not"
                    + " answer); the rest of the timeline stands", schema = @Schema(type = SchemaType.STRING)))
    public Response timeline(@PathParam("id") UUID id, @QueryParam("kind") String kind) {
        if (kind != null && !List.of("alert", "event", "action", "comment").contains(kind)) {
            throw new ProblemException.BadRequest("kind must be alert, event, action or comment, got '" + kind + "'");
        }
        CaseService.Reconstruction story = service.timeline(id, kind);
        List<TimelineEntry> entries = new ArrayList<>(story.entries());
        boolean partial = false;
        if (!story.eventIds().isEmpty()) {
            var events = storedEvents.timeline(jwt.getRawToken(), story.eventIds());
            events.ifPresent(entries::addAll);
            partial = events.isEmpty();
        }
        entries.sort(TimelineEntry.ORDER);
        Response.ResponseBuilder answer = Response.ok(whole(entries));
        return (partial ? answer.header("X-Vigil-Partial", "events") : answer).build();
    }

    @GET
    @Path("{id}/observables")
    @Operation(operationId = "listCaseObservables", summary = "The case's observables (from its alerts and added by"
            + " hand), each with TLP, PAP, IOC and sighted flags, and otherClients: in how many other clients' cases"
            + " it appears, given only when two or more, never which")
    public Page<ObservableResponse> observables(@PathParam("id") UUID id) {
        return whole(observables.list(id));
    }

    @POST
    @Path("{id}/observables")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "addCaseObservable", summary = "Add an observable by hand (adding one the case has is a no-op)")
    @APIResponse(responseCode = "200", description = "The observable",
            content = @Content(schema = @Schema(implementation = ObservableResponse.class)))
    public Response addObservable(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull ObservableRequest request) {
        return idempotency.once(idempotencyKey, "POST /cases/" + id + "/observables", request, () -> service.get(id),
                () -> Response.ok(observables.addByHand(id, request)).build());
    }

    @GET
    @Path("{id}/related")
    @Operation(operationId = "listRelatedCases", summary = "The same client's other cases sharing observables with this"
            + " one, with the observables they share; never another client's")
    public Page<RelatedCase> related(@PathParam("id") UUID id) {
        return whole(observables.related(id));
    }

    @GET
    @Path("{id}/comments")
    @Operation(operationId = "listCaseComments", summary = "The case's comments, oldest first: provider staff see every"
            + " comment, a client's people the shared ones")
    public Page<CommentResponse> comments(@PathParam("id") UUID id) {
        return whole(comments.list(id));
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.case-workers}")
    @Operation(operationId = "addCaseComment", summary = "Comment: provider staff INTERNAL (default) or SHARED with the"
            + " client; a client's people always SHARED")
    @APIResponse(responseCode = "201", description = "The comment", content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    public Response comment(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull CommentRequest request) {
        return idempotency.once(idempotencyKey, "POST /cases/" + id + "/comments", request, () -> service.get(id),
                () -> Response.status(201).entity(comments.add(id, request)).build());
    }

    @GET
    @Path("{id}/clocks")
    @Operation(operationId = "listCaseClocks", summary = "The case's SLA clocks (acknowledge, triage, contain, resolve,"
            + " notify the client) and regulatory clocks (NIS2, GDPR, DORA): target, deadline, counted and paused"
            + " minutes, state")
    public Page<ClockResponse> clocks(@PathParam("id") UUID id) {
        return whole(regulatory.clocksOf(id));
    }

    @POST
    @Path("{id}/reportable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(operationId = "markCaseReportable", summary = "Mark the case reportable under one of the tenant's"
            + " regimes: its regulatory clocks start from the client's awareness")
    public Page<ClockResponse> reportable(@PathParam("id") UUID id, @Valid @NotNull ReportableRequest request) {
        return whole(regulatory.markReportable(id, request));
    }

    @GET
    @Path("{id}/regulatory-notifications")
    @Operation(operationId = "listRegulatoryNotifications", summary = "Every notification sent to a regulator for the"
            + " case, with its deadline and whether it was on time")
    public Page<NotificationResponse> regulatoryNotifications(@PathParam("id") UUID id) {
        return whole(regulatory.notifications(id));
    }

    @POST
    @Path("{id}/regulatory-notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("${vigil.roles.tier2-up-and-client-admins}")
    @Operation(operationId = "recordRegulatoryNotification", summary = "Record a notification sent to a regulator: it"
            + " stops that stage's clock and starts the next stage's")
    @APIResponse(responseCode = "201", description = "The notification",
            content = @Content(schema = @Schema(implementation = NotificationResponse.class)))
    public Response recordRegulatoryNotification(@PathParam("id") UUID id,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull NotificationRequest request) {
        return idempotency.once(idempotencyKey, "POST /cases/" + id + "/regulatory-notifications", request,
                () -> service.get(id), () -> Response.status(201).entity(regulatory.record(id, request)).build());
    }

    @GET
    @Path("{id}/audit")
    @Operation(operationId = "getCaseAudit", summary = "The case's audit entries (who, when, what, before, after),"
            + " each with its place and hash in the tenant's chain")
    public Page<AuditEntry> audit(@PathParam("id") UUID id) {
        return whole(service.auditOf(id));
    }

    @GET
    @Path("audit/verify")
    @RolesAllowed("${vigil.roles.tier3-up-and-client-admins}")
    @Operation(operationId = "verifyCaseAudit", summary = "Recompute the tenant's case audit chain; names the first"
            + " row that was changed, removed or inserted")
    public ChainVerification verify(@QueryParam("tenantId") UUID tenantId) {
        if (tenantId == null) {
            throw new ProblemException.BadRequest("tenantId is required");
        }
        return service.verify(tenantId);
    }

    /** A case's whole list (bounded by the case), in the list shape every list of the API has. */
    private static <T> Page<T> whole(List<T> items) {
        return new Page<>(items, null);
    }

    private static Response tagged(CaseResponse c) {
        return Response.ok(c).tag(new EntityTag(Long.toString(c.version()))).build();
    }

    /** The version an If-Match names; a malformed one is refused rather than ignored. */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException.BadRequest("If-Match must be an ETag this API gave out, such as \"3\"");
        }
    }
}
