package io.vigil.cases.triage.service;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.repository.AlertRepository;
import io.vigil.cases.alert.rest.VerdictRequest;
import io.vigil.cases.alert.service.AlertVerdicts;
import io.vigil.cases.audit.rest.AuditEntry;
import io.vigil.cases.audit.rest.ChainVerification;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.mapping.CaseMapper;
import io.vigil.cases.triage.repository.CaseFilter;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.cases.triage.rest.CaseResponse;
import io.vigil.cases.triage.rest.CaseUpdate;
import io.vigil.cases.triage.rest.CloseRequest;
import io.vigil.cases.triage.rest.ReopenRequest;
import io.vigil.cases.triage.rest.TimelineEntry;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import io.vigil.cases.sla.service.SlaClocks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The queue and the work on one case: status moves, tiers, assignment, closure; each change audited and announced. */
@ApplicationScoped
public class CaseService {


    private final CaseRepository cases;
    private final AlertRepository alerts;
    private final AlertVerdicts verdicts;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final CaseEvents events;
    private final io.vigil.cases.comment.repository.CommentRepository comments;
    private final SlaClocks clocks;
    private final Clock clock;
    private final StaffDirectory directory;
    /** Looked up when used: automation starts playbook runs, whose driver updates cases through this service. */
    private final jakarta.enterprise.inject.Instance<io.vigil.cases.automation.service.AutomationRules> automation;

    public CaseService(CaseRepository cases, AlertRepository alerts, AlertVerdicts verdicts, CurrentTenant current,
            AuditChain audit, CaseEvents events, io.vigil.cases.comment.repository.CommentRepository comments,
            SlaClocks clocks, Clock clock, StaffDirectory directory,
            jakarta.enterprise.inject.Instance<io.vigil.cases.automation.service.AutomationRules> automation) {
        this.automation = automation;
        this.directory = directory;
        this.clocks = clocks;
        this.clock = clock;
        this.comments = comments;
        this.cases = cases;
        this.alerts = alerts;
        this.verdicts = verdicts;
        this.current = current;
        this.audit = audit;
        this.events = events;
    }

    /** The queue counts the cases a filter admits exactly up to this many, and says "at least" beyond. */
    public static final int COUNT_CAP = 1000;

    /** A page of the queue and how many cases the filter admits in all ({@code exact} false: at least that many). */
    public record QueuePage(Page<CaseResponse> page, long total, boolean exact) {
    }

    @Transactional
    public QueuePage queue(CaseFilter filter, CaseRepository.Sort sort, String cursor, int limit) {
        TenantContext caller = current.get();
        if (filter.tenantIds() != null) {
            filter.tenantIds().forEach(current::requireVisible);
        }
        Object afterKey = null;
        UUID afterId = null;
        if (cursor != null) {
            String[] parts = decode(cursor);
            if (!parts[0].equals(sort.name())) {
                throw new ProblemException.BadRequest("cursor belongs to another sort order than " + sort);
            }
            try {
                afterKey = switch (sort) {
                    case SLA -> Long.valueOf(parts[1]);
                    case PRIORITY, SEVERITY -> Integer.valueOf(parts[1]);
                    case CREATED, UPDATED -> Instant.parse(parts[1]);
                };
                afterId = UUID.fromString(parts[2]);
            } catch (RuntimeException e) {
                throw new ProblemException.BadRequest("cursor is not one this API gave out");
            }
        }
        var read = cases.queue(caller.asSetting(), filter, sort, afterKey, afterId, limit + 1, COUNT_CAP);
        List<Case> rows = new ArrayList<>(read.rows());
        rows.removeIf(c -> !caller.allows(c.tenantId)); // row-level security hides them already
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Case last = rows.get(limit - 1);
            next = encode(sort.name() + "|" + CaseRepository.keyOf(last, sort) + "|" + last.id);
        }
        long total = read.counted();
        return new QueuePage(new Page<>(rows.stream().map(CaseMapper::toResponse).toList(), next),
                Math.min(total, COUNT_CAP), total <= COUNT_CAP);
    }

    /** The caller as an assignee is named: what "me" stands for. */
    public String me() {
        return current.get().subject();
    }

    @Transactional
    public CaseResponse get(UUID id) {
        return CaseMapper.toResponse(cases.findVisible(id, current.get()));
    }

    /** Applies an update; {@code ifMatch} (the version the caller saw) must be the current one when given. */
    @Transactional
    public CaseResponse update(UUID id, CaseUpdate u, Long ifMatch) {
        Case c = cases.findVisible(id, current.get());
        requireVersion(c, ifMatch);
        TenantContext caller = current.get();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        Instant now = clock.instant();
        Case.Status from = c.status;
        if (u.status() != null && u.status() != c.status) {
            if (u.status() == Case.Status.CLOSED) {
                throw new ProblemException.Unprocessable("a case is closed with POST /api/v1/cases/" + id
                        + "/close, which records its classification", List.of());
            }
            if (!Case.NEXT.get(c.status).contains(u.status())) {
                throw new ProblemException.Conflict("a " + c.status + " case cannot move to " + u.status()
                        + "; it may move to " + Case.NEXT.get(c.status));
            }
            change(before, after, "status", c.status, u.status());
            c.status = u.status();
            stamp(c, caller, now);
        }
        if (u.tier() != null && u.tier() != c.tier) {
            if (u.note() == null || u.note().isBlank()) {
                throw new ProblemException.Unprocessable((u.tier() > c.tier ? "escalating" : "de-escalating")
                        + " from tier " + c.tier + " to " + u.tier() + " needs a note saying why", List.of());
            }
            change(before, after, "tier", c.tier, u.tier());
            c.tier = u.tier();
        }
        String assignee = "me".equals(u.assignee()) ? caller.subject() : u.assignee();
        if (assignee != null && !Objects.equals(assignee.isBlank() ? null : assignee, c.assignee)) {
            String to = assignee.isBlank() ? null : assignee;
            if (to != null && !to.equals(caller.subject())) { // the caller sees the case, so may take it
                directory.requireAssignable(to, c.tenantId);
            }
            change(before, after, "assignee", c.assignee, to);
            c.assignee = to;
        }
        if (u.severity() != null && u.severity() != c.severity) {
            if (u.severityReason() == null || u.severityReason().isBlank()) {
                throw new ProblemException.Unprocessable("changing the severity from " + c.severity + " to "
                        + u.severity() + " needs a severityReason", List.of());
            }
            change(before, after, "severity", c.severity, u.severity());
            c.severity = u.severity();
            c.severityRank = u.severity().ordinal();
            c.severityReason = u.severityReason();
            c.severitySetByAnalyst = true;
        }
        if (u.title() != null && !u.title().isBlank() && !u.title().equals(c.title)) {
            change(before, after, "title", c.title, u.title());
            c.title = u.title();
        }
        if (u.description() != null && !u.description().equals(c.description)) {
            change(before, after, "description", c.description, u.description());
            c.description = u.description();
        }
        if (u.labels() != null && !List.of(c.labels).equals(u.labels())) {
            change(before, after, "labels", List.of(c.labels), u.labels());
            c.labels = u.labels().toArray(String[]::new);
        }
        if (u.ownerParty() != null && u.ownerParty() != c.ownerParty) {
            change(before, after, "ownerParty", c.ownerParty, u.ownerParty());
            c.ownerParty = u.ownerParty();
        }
        if (after.isEmpty()) {
            return CaseMapper.toResponse(c); // nothing new: a retried request
        }
        if (u.note() != null) {
            after.put("note", u.note());
        }
        c.updatedAt = now;
        c.version++;
        String action = after.containsKey("tier") ? (c.tier > (Integer) before.get("tier") ? "case.escalated"
                : "case.de-escalated") : "case.updated";
        audit.append(c.tenantId, caller.subject(), c.id, action, before, after);
        clocksAfterUpdate(c, from, after, caller, now);
        events.publish("case.updated", c, new CaseEvents.Change(caller.subject(), now,
                after.keySet().stream().filter(k -> !k.equals("note")).toList(), u.note(), null));
        if (c.status.open()) {
            automation.get().caseUpdated(c, after.keySet());
        }
        return CaseMapper.toResponse(c);
    }

    @Transactional
    public CaseResponse close(UUID id, CloseRequest r, Long ifMatch) {
        Case c = cases.findVisible(id, current.get());
        requireVersion(c, ifMatch);
        if (c.status == Case.Status.CLOSED) {
            if (c.classification == r.classification() && Objects.equals(c.classificationReason, r.classificationReason())) {
                return CaseMapper.toResponse(c); // a retried request
            }
            throw new ProblemException.Conflict("case " + c.number + " is already closed as " + c.classification
                    + "; reopen it first");
        }
        TenantContext caller = current.get();
        Instant now = clock.instant();
        Map<String, Object> before = Map.of("status", c.status);
        c.status = Case.Status.CLOSED;
        c.classification = r.classification();
        c.classificationReason = r.classificationReason();
        c.rootCause = r.rootCause();
        c.closingComment = r.comment();
        stamp(c, caller, now);
        c.updatedAt = now;
        c.version++;
        Alert.Verdict verdict = switch (r.classification()) {
            case TRUE_POSITIVE -> Alert.Verdict.TRUE_POSITIVE;
            case BENIGN_POSITIVE -> Alert.Verdict.BENIGN_POSITIVE;
            case FALSE_POSITIVE -> Alert.Verdict.FALSE_POSITIVE;
            case UNDETERMINED -> null;
        };
        int closedAlerts = 0;
        if (verdict != null) {
            for (Alert a : alerts.list("caseId", c.id)) {
                verdicts.close(a.id, new VerdictRequest(verdict, "closed with case " + c.number + ": "
                        + r.classificationReason()));
                closedAlerts++;
            }
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", c.status);
        after.put("classification", c.classification);
        after.put("classificationReason", c.classificationReason);
        after.put("rootCause", c.rootCause);
        after.put("comment", c.closingComment);
        after.put("alertsClosed", closedAlerts);
        audit.append(c.tenantId, caller.subject(), c.id, "case.closed", before, after);
        clocks.lock(c);
        clocks.closed(c, caller.subject(), now);
        events.publish("case.closed", c, new CaseEvents.Change(caller.subject(), now,
                List.of("status", "classification"), r.comment(), null));
        return CaseMapper.toResponse(c);
    }

    @Transactional
    public CaseResponse reopen(UUID id, ReopenRequest r, Long ifMatch) {
        Case c = cases.findVisible(id, current.get());
        requireVersion(c, ifMatch);
        if (c.status.open()) {
            throw new ProblemException.Conflict("case " + c.number + " is " + c.status + ", not resolved or closed");
        }
        TenantContext caller = current.get();
        Instant now = clock.instant();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", c.status);
        before.put("classification", c.classification);
        c.status = Case.Status.IN_PROGRESS;
        c.classification = null;
        c.classificationReason = null;
        c.closedAt = null;
        c.resolvedAt = null;
        c.updatedAt = now;
        c.version++;
        audit.append(c.tenantId, caller.subject(), c.id, "case.reopened", before,
                Map.of("status", c.status, "reason", r.reason()));
        events.publish("case.reopened", c, new CaseEvents.Change(caller.subject(), now, List.of("status"), r.reason(),
                null));
        return CaseMapper.toResponse(c);
    }

    /**
     * What case-service itself holds of a case's story: its alerts, comments and recorded actions, and the ids
     * of the events behind its alerts (which live in detection's event store).
     */
    public record Reconstruction(List<TimelineEntry> entries, List<UUID> eventIds) {
    }

    /** The case's alerts (at the time of their activity) and every recorded action, oldest first. */
    @Transactional
    public Reconstruction timeline(UUID id, String kind) {
        Case c = cases.findVisible(id, current.get());
        List<TimelineEntry> out = new ArrayList<>();
        if (kind == null || kind.equals("alert")) {
            for (Alert a : alerts.list("caseId", c.id)) {
                out.add(new TimelineEntry(a.detectedAt, "alert", "detection", a.severity + " " + a.title,
                        a.id.toString()));
            }
        }
        boolean staff = Case.Party.of(current.get()) == Case.Party.PROVIDER;
        if (kind == null || kind.equals("comment")) {
            for (var m : comments.ofCase(c.id, !staff)) {
                out.add(new TimelineEntry(m.createdAt, "comment", m.author, "(" + m.visibility + ") " + m.body,
                        m.id.toString()));
            }
        }
        if (kind == null || kind.equals("action")) {
            for (AuditEntry e : audit.ofCase(c.id)) {
                if (!staff && e.after() != null && e.after().contains("\"visibility\":\"INTERNAL\"")) {
                    continue; // a client's people do not learn of the provider's internal notes
                }
                out.add(new TimelineEntry(e.at(), "action", e.actor(), e.action() + (e.after() == null ? "" : " " + e.after()),
                        "audit:" + e.seq()));
            }
        }
        out.sort(TimelineEntry.ORDER);
        return new Reconstruction(out, kind == null || kind.equals("event") ? alerts.eventIdsOfCase(c.id) : List.of());
    }

    @Transactional
    public List<AuditEntry> auditOf(UUID id) {
        return audit.ofCase(cases.findVisible(id, current.get()).id);
    }

    @Transactional
    public ChainVerification verify(UUID tenantId) {
        current.requireVisible(tenantId);
        return audit.verify(tenantId);
    }

    @Transactional
    public List<io.vigil.cases.alert.rest.AlertResponse> alertsOf(UUID id) {
        Case c = cases.findVisible(id, current.get());
        return alerts.list("caseId = ?1 order by detectedAt", c.id).stream()
                .map(io.vigil.cases.alert.mapping.AlertMapper::toResponse).toList();
    }


    /**
     * What an update means for the case's clocks: a new severity's targets, a provider's escalation ending
     * triage, a move that pauses, resumes or meets them. After the update's own audit entry, so the trail reads
     * cause then consequence.
     */
    private void clocksAfterUpdate(Case c, Case.Status from, Map<String, Object> after, TenantContext caller, Instant now) {
        clocks.lock(c);
        boolean provider = Case.Party.of(caller) == Case.Party.PROVIDER;
        if (after.containsKey("severity")) {
            clocks.retarget(c, now);
        }
        if (after.containsKey("tier") && provider) {
            clocks.triaged(c, caller.subject(), now);
        }
        if (after.containsKey("status")) {
            clocks.moved(c, from, provider, caller.subject(), now);
        }
    }

    private static void requireVersion(Case c, Long ifMatch) {
        if (ifMatch != null && ifMatch != c.version) {
            throw new ProblemException.PreconditionFailed("case " + c.number + " changed since version " + ifMatch
                    + " (it is at " + c.version + "): read it again before changing it");
        }
    }

    /** KPI times: the first provider action after NEW acknowledges; containment, resolution and closure are stamped once. */
    private static void stamp(Case c, TenantContext caller, Instant now) {
        boolean provider = Case.Party.of(caller) == Case.Party.PROVIDER;
        if (c.acknowledgedAt == null && c.status != Case.Status.NEW && provider) {
            c.acknowledgedAt = now;
        }
        if (c.status == Case.Status.CONTAINED && c.containedAt == null) {
            c.containedAt = now;
        }
        if ((c.status == Case.Status.RESOLVED || c.status == Case.Status.CLOSED) && c.resolvedAt == null) {
            c.resolvedAt = now;
        }
        if (c.status == Case.Status.CLOSED) {
            c.closedAt = now;
        }
    }

    private static void change(Map<String, Object> before, Map<String, Object> after, String field, Object from,
            Object to) {
        before.put(field, from);
        after.put(field, to);
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new ProblemException.BadRequest("cursor is not one this API gave out");
        }
    }
}
