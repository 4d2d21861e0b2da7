package io.vigil.reporting.portal;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.errors.ProblemMapper;
import io.vigil.platform.tenancy.Page;
import io.vigil.reporting.attack.rest.AttackResponse;
import io.vigil.reporting.attack.service.AttackMatrix;
import io.vigil.reporting.briefing.rest.BriefingResponse;
import io.vigil.reporting.briefing.rest.IncidentSummary;
import io.vigil.reporting.briefing.service.BriefingService;
import io.vigil.reporting.compliance.rest.ComplianceResponse;
import io.vigil.reporting.compliance.service.ComplianceService;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import io.vigil.reporting.metrics.service.MetricsService;
import io.vigil.reporting.monthly.rest.MonthlyReportSummary;
import io.vigil.reporting.monthly.service.MonthlyReports;
import io.vigil.reporting.tenantfacts.rest.TenantFactResponse;
import io.vigil.reporting.tenantfacts.service.TenantFactService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The CIO portal: server-rendered pages over the same read model and services as the reporting API, signed
 * in through Keycloak (the OIDC tenant {@code portal}, authorization-code flow). A client's people see their
 * own organisation; provider staff pick among the tenants they serve. Every page goes through the same tenant
 * walls as the API (a tenant the caller does not serve is "not found"), and a client admin decides waiting
 * containment steps here, through case-service, with their own token.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PortalResource {

    static final Set<String> STAFF = Set.of("provider-admin", "soc-manager", "soc-tier3", "soc-tier2", "soc-tier1");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tenants(Viewer viewer,
                List<io.vigil.reporting.metrics.rest.TenantSlaResponse> overview);

        static native TemplateInstance overview(Viewer viewer, MetricsResponse metrics, List<IncidentSummary> open,
                boolean moreOpen, int pending, List<Charts.Gauge> gauges, Charts.BarChart trend,
                List<io.vigil.reporting.metrics.repository.MetricStatements.MonthRow> months, io.vigil.reporting.logsource.rest.LogSourcesResponse sources);

        static native TemplateInstance incidents(Viewer viewer, String state, List<IncidentSummary> incidents,
                String next);

        static native TemplateInstance briefing(Viewer viewer, BriefingResponse b);

        static native TemplateInstance attack(Viewer viewer, AttackResponse matrix, String month);

        static native TemplateInstance compliance(Viewer viewer, ComplianceResponse view, String month);

        static native TemplateInstance reports(Viewer viewer, List<MonthlyReportSummary> reports);

        static native TemplateInstance approvals(Viewer viewer, List<BriefingService.PendingDecision> pending,
                String done);

        static native TemplateInstance problem(Viewer viewer, int status, String title, String detail);
    }

    private final SecurityIdentity identity;
    @Inject
    @IdToken
    JsonWebToken idToken;
    @Inject
    AccessTokenCredential accessToken;
    private final TenantFactService tenants;
    private final MetricsService metrics;
    private final BriefingService briefings;
    private final AttackMatrix attack;
    private final ComplianceService compliance;
    private final MonthlyReports monthly;
    private final CaseDecisions decisions;
    private final io.vigil.reporting.logsource.service.LogSources logSources;
    private final byte[] formKey;

    public PortalResource(SecurityIdentity identity, TenantFactService tenants, MetricsService metrics, BriefingService briefings, AttackMatrix attack,
            ComplianceService compliance, MonthlyReports monthly, CaseDecisions decisions,
            io.vigil.reporting.logsource.service.LogSources logSources,
            @ConfigProperty(name = "vigil.reporting.portal.form-key") String formKey) {
        this.identity = identity;
        this.tenants = tenants;
        this.metrics = metrics;
        this.briefings = briefings;
        this.attack = attack;
        this.compliance = compliance;
        this.monthly = monthly;
        this.decisions = decisions;
        this.logSources = logSources;
        this.formKey = formKey.getBytes(StandardCharsets.UTF_8);
    }

    /** One tenant: straight to its overview; several: the staff member picks, the worst SLA first. */
    @GET
    public Response home() {
        Viewer v = viewer();
        if (v.tenants().size() == 1) {
            return Response.seeOther(URI.create("/portal/t/" + v.tenants().get(0).tenantId())).build();
        }
        // Provider staff see their clients as the SOC manager does: worst SLA compliance of the month first.
        return Response.ok(Templates.tenants(v, v.staff() ? metrics.overview(null, null, null) : List.of())).build();
    }

    @GET
    @Path("t/{tenantId}")
    public TemplateInstance overview(@PathParam("tenantId") UUID tenantId) {
        Viewer v = viewer(tenantId);
        MetricsResponse m = metrics.metrics(tenantId, null, null, null);
        Page<IncidentSummary> open = briefings.incidents(tenantId, "open", 5, null);
        List<Charts.Gauge> gauges = new ArrayList<>();
        for (MetricsResponse.ClockCompliance c : m.clocks()) {
            gauges.add(Charts.compliance(Words.clock(c.family(), c.kind(), c.regime()), c.compliance(), c.met(), c.breached()));
        }
        List<io.vigil.reporting.metrics.repository.MetricStatements.MonthRow> months = metrics.trend(tenantId, 6);
        Charts.BarChart trend = Charts.bars("Cases opened per month, last six months",
                months.stream().map(x -> Words.month(x.month())).toList(),
                months.stream().map(io.vigil.reporting.metrics.repository.MetricStatements.MonthRow::cases).toList(),
                months.stream().map(io.vigil.reporting.metrics.repository.MetricStatements.MonthRow::severe).toList());
        return Templates.overview(v, m, open.items(), open.nextCursor() != null,
                briefings.pendingDecisions(tenantId).size(), gauges, trend, months, logSources.of(tenantId, null, null, null));
    }

    @GET
    @Path("t/{tenantId}/incidents")
    public TemplateInstance incidents(@PathParam("tenantId") UUID tenantId, @QueryParam("state") String state,
            @QueryParam("cursor") String cursor) {
        Viewer v = viewer(tenantId);
        String s = state == null || state.isBlank() ? "all" : state;
        Page<IncidentSummary> page = briefings.incidents(tenantId, s, 25, cursor);
        return Templates.incidents(v, s, page.items(), page.nextCursor());
    }

    @GET
    @Path("t/{tenantId}/incidents/{caseId}")
    public TemplateInstance briefing(@PathParam("tenantId") UUID tenantId, @PathParam("caseId") UUID caseId) {
        Viewer v = viewer(tenantId);
        return Templates.briefing(v, briefings.briefing(tenantId, caseId, false));
    }

    @GET
    @Path("t/{tenantId}/attack")
    public TemplateInstance attack(@PathParam("tenantId") UUID tenantId, @QueryParam("month") String month) {
        Viewer v = viewer(tenantId);
        String mo = blankToNull(month);
        return Templates.attack(v, attack.matrix(tenantId, mo, null, null), mo);
    }

    @GET
    @Path("t/{tenantId}/compliance")
    public TemplateInstance compliance(@PathParam("tenantId") UUID tenantId, @QueryParam("month") String month) {
        Viewer v = viewer(tenantId);
        String mo = blankToNull(month);
        return Templates.compliance(v, compliance.compliance(tenantId, mo, null, null), mo);
    }

    @GET
    @Path("t/{tenantId}/reports")
    public TemplateInstance reports(@PathParam("tenantId") UUID tenantId) {
        Viewer v = viewer(tenantId);
        return Templates.reports(v, monthly.list(tenantId));
    }

    /** The stored PDF, for a signed-in browser (the API's copy wants a bearer token). */
    @GET
    @Path("t/{tenantId}/reports/{month}.pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("tenantId") UUID tenantId, @PathParam("month") String month) {
        viewer(tenantId);
        byte[] pdf = monthly.pdf(tenantId, month);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"vigil-report-" + month + ".pdf\"").build();
    }

    @GET
    @Path("t/{tenantId}/approvals")
    public TemplateInstance approvals(@PathParam("tenantId") UUID tenantId, @QueryParam("done") String done) {
        Viewer v = viewer(tenantId);
        return Templates.approvals(v, briefings.pendingDecisions(tenantId), blankToNull(done));
    }

    /** A client admin approves or denies a waiting step; case-service decides, with the admin's own token. */
    @POST
    @Path("t/{tenantId}/approvals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("tenantId") UUID tenantId, @FormParam("form-token") String token,
            @FormParam("caseId") UUID caseId, @FormParam("runId") UUID runId, @FormParam("step") int step,
            @FormParam("decision") String decision, @FormParam("note") String note) {
        Viewer v = viewer(tenantId);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                v.formToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException.Forbidden("this form was not issued to your session: reload the page and"
                    + " decide again");
        }
        if (!v.canDecide()) {
            throw new ProblemException.Forbidden("only your organisation's admins decide containment steps");
        }
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw new ProblemException.BadRequest("decision must be approve or deny");
        }
        if (note == null || note.isBlank()) {
            throw new ProblemException.BadRequest("say why: the SOC records your reason with the decision");
        }
        if (caseId == null || runId == null || step < 1) {
            throw new ProblemException.BadRequest("the form names no waiting step");
        }
        boolean pendingHere = briefings.pendingDecisions(tenantId).stream().anyMatch(p -> p.caseId().equals(caseId)
                && p.decision().runId().equals(runId) && p.decision().step() == step);
        if (!pendingHere) {
            throw new ProblemException.NotFound("no step " + step + " of that run waits for a decision of "
                    + v.tenant().name());
        }
        decisions.decide(accessToken.getToken(), caseId, runId, step, decision.equals("approve"), note.strip());
        String done = decision.equals("approve") ? "approved" : "denied";
        return Response.seeOther(URI.create(v.base() + "/approvals?done=" + done)).build();
    }

    /** Errors of the portal's pages are pages too, with the status the API would give. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        int status = ProblemMapper.statusOf(e);
        Viewer v;
        try {
            v = viewer();
        } catch (RuntimeException unknown) {
            v = new Viewer(identity.getPrincipal().getName(), "", false, false, List.of(), null, "");
        }
        String title = switch (status) {
            case 404 -> "Not found";
            case 403 -> "Not allowed";
            case 409 -> "Not yet";
            case 503 -> "Try again shortly";
            default -> "That did not work";
        };
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(v, status, title, e.getMessage()).render()).build();
    }

    private Viewer viewer(UUID tenantId) {
        Viewer v = viewer();
        TenantFactResponse open = v.tenants().stream().filter(t -> t.tenantId().equals(tenantId)).findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("no tenant " + tenantId + " among yours"));
        return v.in(open);
    }

    private Viewer viewer() {
        Set<String> roles = identity.getRoles();
        boolean staff = roles.stream().anyMatch(STAFF::contains);
        String name = idToken.getClaim("name") != null ? idToken.getClaim("name").toString()
                : identity.getPrincipal().getName();
        return new Viewer(name, Words.role(roles), staff, roles.contains("customer-admin"), tenants.visible(), null,
                formToken());
    }

    /** The session's form token: an HMAC of its session id (or subject), so a page of another session cannot post. */
    private String formToken() {
        Object sid = idToken.getClaim("sid");
        String session = (sid == null ? "" : sid.toString()) + "|" + idToken.getSubject();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(formKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("portal-form|" + session).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
