package io.vigil.reporting.briefing.service;

import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.reporting.briefing.BusinessTerms;
import io.vigil.reporting.briefing.rest.BriefingResponse;
import io.vigil.reporting.briefing.rest.BriefingResponse.AffectedAsset;
import io.vigil.reporting.briefing.rest.BriefingResponse.ContainmentAction;
import io.vigil.reporting.briefing.rest.BriefingResponse.Decision;
import io.vigil.reporting.briefing.rest.BriefingResponse.Deadline;
import io.vigil.reporting.briefing.rest.IncidentSummary;
import io.vigil.reporting.casefacts.CaseFact;
import io.vigil.reporting.casefacts.CaseMessages;
import io.vigil.reporting.casefacts.RunFact;
import io.vigil.reporting.casefacts.repository.CaseFactRepository;
import io.vigil.reporting.casefacts.repository.ClockFactRepository;
import io.vigil.reporting.casefacts.repository.RunFactRepository;
import io.vigil.reporting.tenantfacts.AssetFact;
import io.vigil.reporting.tenantfacts.repository.AssetFactRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Incident briefings: a case becomes one once the SOC confirmed it (work started and not dismissed), and the
 * briefing follows the case as it moves.
 */
@ApplicationScoped
public class BriefingService {

    /** Statuses of a confirmed incident; a closed case is one only when it was a true positive. */
    /** The statuses of a case the SOC confirmed as an incident (or closed as a true positive). */
    public static final List<String> CONFIRMED = List.of("IN_PROGRESS", "WAITING_ON_CUSTOMER", "CONTAINED", "RESOLVED");
    static final String INCIDENTS = "tenantId = ?1 and (status in ?2 or (status = 'CLOSED' and classification = 'TRUE_POSITIVE'))";

    private final CaseFactRepository cases;
    private final ClockFactRepository clocks;
    private final RunFactRepository runs;
    private final AssetFactRepository assets;
    private final CurrentTenant current;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public BriefingService(CaseFactRepository cases, ClockFactRepository clocks, RunFactRepository runs,
            AssetFactRepository assets,
            CurrentTenant current, Clock clock, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.cases = cases;
        this.clocks = clocks;
        this.runs = runs;
        this.assets = assets;
        this.current = current;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The tenant's confirmed incidents, newest first; {@code state} open, closed or all. */
    @Transactional
    public Page<IncidentSummary> incidents(UUID tenantId, String state, Integer limit, String cursor) {
        current.requireVisible(tenantId);
        int n = Cursor.limit(limit, 50, 200);
        Cursor after = Cursor.decode(cursor);
        String q = INCIDENTS + switch (state == null ? "all" : state) {
            case "open" -> " and status <> 'CLOSED'";
            case "closed" -> " and status = 'CLOSED'";
            case "all" -> "";
            default -> throw new ProblemException.BadRequest("state must be open, closed or all, got '" + state + "'");
        };
        List<CaseFact> rows = after == null
                ? cases.find(q + " order by createdAt desc, caseId desc", tenantId, CONFIRMED).page(0, n + 1).list()
                : cases.find(q + " and (createdAt < ?3 or (createdAt = ?3 and caseId < ?4)) order by createdAt desc, caseId desc",
                        tenantId, CONFIRMED, after.at(), after.id()).page(0, n + 1).list();
        return Page.of(rows, n, c -> new Cursor(c.createdAt, c.caseId), c -> new IncidentSummary(c.caseId, c.number,
                c.title, c.severity, c.priorityLabel, c.status, BusinessTerms.status(c.status), c.createdAt,
                c.containedAt, c.resolvedAt, c.status.equals("CLOSED")));
    }

    @Transactional
    public BriefingResponse briefing(UUID tenantId, UUID caseId, boolean detail) {
        current.requireVisible(tenantId);
        CaseFact c = cases.findById(caseId);
        if (c == null || !c.tenantId.equals(tenantId)) {
            throw new ProblemException.NotFound("no incident " + caseId);
        }
        if (!confirmed(c)) {
            throw new ProblemException.Conflict("case " + c.number + " is not a confirmed incident (" + c.status
                    + (c.classification == null ? "" : ", " + c.classification)
                    + "): its briefing starts once the SOC confirms it");
        }
        List<AffectedAsset> affected = affected(c);
        boolean closed = c.status.equals("CLOSED");
        boolean contained = c.containedAt != null || List.of("CONTAINED", "RESOLVED").contains(c.status);
        long critical = affected.stream().filter(a -> "CRITICAL".equals(a.criticality())).count();
        List<Deadline> deadlines = clocks.ofCase(c.caseId).stream().map(k -> new Deadline(k.family, k.kind, k.regime,
                k.state, k.late, k.dueAt, k.stoppedAt)).toList();
        List<Decision> decisions = new ArrayList<>();
        List<ContainmentAction> actions = new ArrayList<>();
        for (RunFact r : runs.ofCase(c.caseId)) {
            decisions.addAll(decisions(r));
            for (CaseMessages.RunStep s : steps(r)) {
                String words = BusinessTerms.action(s.action(), s.target());
                if (!s.status().equals("SKIPPED")) {
                    actions.add(new ContainmentAction(r.runId, r.playbook, s.position(), s.action(), s.target(), words,
                            s.status(), s.decidedBy(), s.decisionNote(), s.finishedAt()));
                }
            }
        }
        return new BriefingResponse(c.caseId, c.number, c.tenantId, c.title,
                BusinessTerms.headline(c.severity, affected.size(), critical, contained, closed), c.severity,
                c.priorityLabel, c.status, BusinessTerms.status(c.status), closed, c.firstActivityAt, c.createdAt,
                c.containedAt, c.resolvedAt, BusinessTerms.whatHappened(c.tactics), affected, deadlines, decisions,
                actions,
                closed ? null : nextUpdate(c, clock.instant()), c.changedAt,
                detail ? new BriefingResponse.TechnicalDetail(c.ruleId, List.of(c.techniques), List.of(c.tactics),
                        List.of(c.hosts), c.alertCount, c.tier, c.assignee, c.classification, c.rootCause) : null);
    }

    /** A step waiting for the client's admin, with the case it belongs to. */
    public record PendingDecision(UUID caseId, long caseNumber, String caseTitle, String severity, String playbook,
            Decision decision) {
    }

    /** The step each of the tenant's waiting runs waits on for its admin's decision, oldest run first. */
    @Transactional
    public List<PendingDecision> pendingDecisions(UUID tenantId) {
        current.requireVisible(tenantId);
        List<PendingDecision> out = new ArrayList<>();
        for (RunFact r : runs.waitingOf(tenantId)) {
            CaseFact c = cases.findById(r.caseId);
            // the step the run waits on now (its wait started); a later step asks once the run reaches it
            List<Decision> waiting = decisions(r);
            List<Decision> now = waiting.stream().filter(d -> d.waitingSince() != null).toList();
            for (Decision d : now.isEmpty() ? waiting.stream().limit(1).toList() : now) {
                out.add(new PendingDecision(r.caseId, c == null ? 0 : c.number, c == null ? null : c.title,
                        c == null ? null : c.severity, r.playbook, d));
            }
        }
        return out;
    }

    /** The run's steps that wait for the client's admin (none once the run moved on). */
    private List<Decision> decisions(RunFact r) {
        List<Decision> out = new ArrayList<>();
        if (!r.status.equals("WAITING_APPROVAL")) {
            return out;
        }
        for (CaseMessages.RunStep s : steps(r)) {
            if (s.status().equals("WAITING_APPROVAL")) {
                out.add(new Decision(r.runId, s.position(), s.action(), s.target(),
                        BusinessTerms.action(s.action(), s.target()), s.approval(), r.startedBy, s.waitingSince(),
                        "/api/v1/cases/" + r.caseId + "/playbook-runs/" + r.runId + "/steps/" + s.position() + "/decision"));
            }
        }
        return out;
    }

    private List<CaseMessages.RunStep> steps(RunFact r) {
        try {
            return mapper.readValue(r.steps, STEPS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("run " + r.runId + " holds steps that are not the message's", e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<CaseMessages.RunStep>> STEPS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    static boolean confirmed(CaseFact c) {
        return CONFIRMED.contains(c.status) || (c.status.equals("CLOSED") && "TRUE_POSITIVE".equals(c.classification));
    }

    /** The case's hosts named as the inventory knows them, most critical first. */
    private List<AffectedAsset> affected(CaseFact c) {
        Map<String, AssetFact> byName = new HashMap<>();
        for (AssetFact a : assets.named(c.tenantId, Arrays.asList(c.hosts))) {
            if (a.hostname != null) {
                byName.put(a.hostname.toLowerCase(Locale.ROOT), a);
            }
            if (a.fqdn != null) {
                byName.put(a.fqdn.toLowerCase(Locale.ROOT), a);
            }
        }
        List<AffectedAsset> out = new ArrayList<>();
        for (String h : c.hosts) {
            AssetFact a = byName.get(h.toLowerCase(Locale.ROOT));
            out.add(a == null ? new AffectedAsset(h, "UNKNOWN", null, null, false)
                    : new AffectedAsset(h, a.criticality, a.owner, a.environment, true));
        }
        out.sort(Comparator.comparingInt((AffectedAsset a) -> BusinessTerms.criticalityRank(a.criticality()))
                .thenComparing(AffectedAsset::name));
        return out;
    }

    /** The next slot of the priority's cadence counted from the case's last change, never in the past. */
    static Instant nextUpdate(CaseFact c, Instant now) {
        Duration every = BusinessTerms.updateCadence(c.priorityLabel);
        Instant next = c.changedAt.plus(every);
        if (next.isBefore(now)) {
            long behind = Duration.between(next, now).toSeconds() / every.toSeconds() + 1;
            next = next.plus(every.multipliedBy(behind));
        }
        return next;
    }
}
