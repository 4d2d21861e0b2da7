package io.vigil.cases.containment.service;

import io.vigil.platform.tenancy.Roles;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.PlaybookStep;
import io.vigil.cases.containment.repository.RunRepository;
import io.vigil.cases.containment.rest.RunResponse;
import io.vigil.cases.observable.Observable;
import io.vigil.cases.observable.repository.ObservableRepository;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.cases.triage.service.CaseEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Playbook runs on a case: started by an analyst, each step resolved to the case's targets and gated by the
 * tenant's pre-approvals; a step the client did not pre-approve waits for the client's admin, and the run
 * waits with it (steps run in order). The {@link ContainmentDriver} sends the steps whose turn has come.
 */
@ApplicationScoped
public class PlaybookRuns {

    /** The role that approves containment for its tenant: the client's admin, never the provider. */
    public static final String APPROVER_ROLE = Roles.CUSTOMER_ADMIN;

    private final RunRepository runs;
    private final CaseRepository cases;
    private final ObservableRepository observables;
    private final ContainmentPolicy policy;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;
    private final CaseEvents events;
    private final io.vigil.cases.task.service.PatchTasks patches;
    private final io.vigil.cases.task.service.Tasks taskList;
    private final io.vigil.cases.communication.service.Communications communications;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final Playbooks playbooks;

    public PlaybookRuns(RunRepository runs, CaseRepository cases, ObservableRepository observables,
            ContainmentPolicy policy, CurrentTenant current, AuditChain audit, Clock clock, CaseEvents events,
            io.vigil.cases.task.service.PatchTasks patches, io.vigil.cases.task.service.Tasks taskList,
            io.vigil.cases.communication.service.Communications communications,
            com.fasterxml.jackson.databind.ObjectMapper mapper, Playbooks playbooks) {
        this.playbooks = playbooks;
        this.mapper = mapper;
        this.patches = patches;
        this.taskList = taskList;
        this.communications = communications;
        this.runs = runs;
        this.cases = cases;
        this.observables = observables;
        this.policy = policy;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public RunResponse start(UUID caseId, String playbookName) {
        TenantContext caller = current.get();
        Case c = cases.findVisible(caseId, caller);
        if (c.status == Case.Status.CLOSED) {
            throw new ProblemException.Conflict("case " + c.number + " is closed: reopen it before containing anything");
        }
        Playbook p = playbooks.find(c.tenantId, playbookName).orElseThrow(() -> new ProblemException.Unprocessable(
                "no playbook '" + playbookName + "'; known: " + playbooks.all(c.tenantId).stream().map(Playbook::name).toList(),
                List.of()));
        return view(startFor(c, p, caller.subject()));
    }

    /**
     * Starts the playbook on the case for {@code actor} (an analyst, or an automation rule) in the caller's
     * transaction; each step still gated by the client's pre-approvals.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PlaybookRun startFor(Case c, Playbook p, String actor) {
        Instant now = clock.instant();
        PlaybookRun run = new PlaybookRun();
        run.id = UUID.randomUUID();
        run.tenantId = c.tenantId;
        run.caseId = c.id;
        run.playbook = p.name();
        run.version = p.version();
        run.status = PlaybookRun.Status.RUNNING;
        run.startedBy = actor;
        run.startedAt = now;
        runs.persist(run);
        List<Observable> seen = observables.ofCase(c.id);
        String caseHost = c.hosts.length > 0 ? c.hosts[0] : null;
        int position = 0;
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Playbook.Step s : p.steps()) {
            if (s.action().target == null) {
                PlaybookStep own = step(run, ++position, s, null);
                own.approval = "not needed: Vigil's own step";
                own.status = PlaybookStep.Status.PENDING;
                own.params = params(s);
                runs.persist(own);
                summary.add(summary(own));
                continue;
            }
            List<String> targets = seen.stream().filter(o -> o.type.equals(s.action().target.wire())).map(o -> o.value)
                    .distinct().toList();
            if (targets.isEmpty()) {
                PlaybookStep none = step(run, ++position, s, null);
                none.status = PlaybookStep.Status.SKIPPED;
                none.approval = "not needed";
                none.detail = "the case has no " + s.action().target.wire() + " to " + s.action().wire();
                none.finishedAt = now;
                runs.persist(none);
                summary.add(summary(none));
                continue;
            }
            for (String target : targets) {
                PlaybookStep step = step(run, ++position, s, target);
                if (s.action().internal()) {
                    step.status = PlaybookStep.Status.PENDING;
                    step.approval = "not needed: Vigil's own step";
                    runs.persist(step);
                    summary.add(summary(step));
                    continue;
                }
                ContainmentPolicy.Decision d = policy.decide(c.tenantId, s.action(),
                        s.action().target == Observable.Type.HOST ? target : caseHost, c.assetCriticality);
                step.status = d.preApproved() ? PlaybookStep.Status.PENDING : PlaybookStep.Status.WAITING_APPROVAL;
                step.approval = d.reason();
                runs.persist(step);
                summary.add(summary(step));
            }
        }
        advance(run, now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("run", run.id);
        after.put("playbook", p.name() + " v" + p.version());
        after.put("steps", summary);
        audit.append(c.tenantId, actor, c.id, "containment.run.started", null, after);
        return run;
    }

    /** The client's admin approves or denies a waiting step, with a note; a denial stops the run. */
    @Transactional
    public RunResponse decide(UUID caseId, UUID runId, int position, boolean approve, String note) {
        TenantContext caller = current.get();
        Case c = cases.findVisible(caseId, caller);
        PlaybookRun run = runs.lockRun(runId);
        if (run == null || !run.caseId.equals(c.id) || !caller.allows(run.tenantId)) {
            throw new ProblemException.NotFound("case " + caseId + " has no playbook run " + runId);
        }
        if (!caller.hasRole(APPROVER_ROLE) || caller.allTenants()) {
            throw new ProblemException.Forbidden("only the client's admin (" + APPROVER_ROLE
                    + ") approves containment on its systems; the provider cannot approve for it");
        }
        PlaybookStep step = runs.steps(run.id).stream().filter(s -> s.key.position() == position).findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("run " + runId + " has no step " + position));
        if (step.status != PlaybookStep.Status.WAITING_APPROVAL) {
            throw new ProblemException.Conflict("step " + position + " is " + step.status + ", not waiting for approval");
        }
        return apply(run, step, caller.subject(), caller.subject(), approve, note, Map.of());
    }

    /**
     * One of the tenant's named approvers decides a waiting step through the link sent to them (the caller,
     * {@link ApprovalLinks}, checked the link and holds the run's lock); recorded under the contact's name.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RunResponse decideByContact(PlaybookRun run, PlaybookStep step, UUID contactId, String contactName,
            boolean approve, String note) {
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("contact", contactName);
        who.put("contactId", contactId);
        who.put("by", "approval link");
        return apply(run, step, "contact:" + contactName, contactName + " (named approver, by link)", approve, note, who);
    }

    private RunResponse apply(PlaybookRun run, PlaybookStep step, String actor, String decidedBy, boolean approve,
            String note, Map<String, Object> extra) {
        Instant now = clock.instant();
        step.decidedBy = decidedBy;
        step.decidedAt = now;
        step.decisionNote = note;
        step.status = approve ? PlaybookStep.Status.PENDING : PlaybookStep.Status.DENIED;
        if (!approve) {
            step.finishedAt = now;
        }
        Map<String, Object> after = summary(step);
        after.put("run", run.id);
        after.put("note", note);
        after.putAll(extra);
        audit.append(run.tenantId, actor, run.caseId, approve ? "containment.step.approved"
                : "containment.step.denied", null, after);
        return advance(run, now);
    }

    /** What the SOC may decide on a failed step that asked. */
    public enum Resolution {
        RETRY, CONTINUE, STOP
    }

    /**
     * The SOC decides on a failed step whose playbook asks: send it again, go on without it, or stop the run.
     * Provider staff of tier 2 and up decide (the resource checks the role).
     */
    @Transactional
    public RunResponse resolve(UUID caseId, UUID runId, int position, Resolution resolution, String note) {
        TenantContext caller = current.get();
        Case c = cases.findVisible(caseId, caller);
        PlaybookRun run = runs.lockRun(runId);
        if (run == null || !run.caseId.equals(c.id) || !caller.allows(run.tenantId)) {
            throw new ProblemException.NotFound("case " + caseId + " has no playbook run " + runId);
        }
        PlaybookStep step = runs.steps(run.id).stream().filter(s -> s.key.position() == position).findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("run " + runId + " has no step " + position));
        if (run.status != PlaybookRun.Status.WAITING_DECISION || step.status != PlaybookStep.Status.FAILED
                || step.onFailure != Playbook.OnFailure.ASK || step.resolution != null) {
            throw new ProblemException.Conflict("step " + position + " is " + step.status + " in a " + run.status
                    + " run: only a failed step that asks, in a run waiting for a decision, is decided");
        }
        Instant now = clock.instant();
        step.decidedBy = caller.subject();
        step.decidedAt = now;
        step.decisionNote = note;
        if (resolution == Resolution.RETRY) {
            step.status = PlaybookStep.Status.PENDING;
            step.attempts = 0;
            step.finishedAt = null;
            step.waitingSince = null;
            run.status = PlaybookRun.Status.RUNNING;
        } else {
            step.resolution = resolution.name();
        }
        Map<String, Object> after = summary(step);
        after.put("run", run.id);
        after.put("resolution", resolution);
        after.put("note", note);
        audit.append(run.tenantId, caller.subject(), run.caseId, "containment.step.resolved", null, after);
        return advance(run, now);
    }

    /** The case's human-friendly number (the caller sees the case). */
    @Transactional
    public long caseNumber(UUID caseId) {
        return cases.findVisible(caseId, current.get()).number;
    }

    @Transactional
    public List<RunResponse> ofCase(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        return runs.ofCase(c.id).stream().map(this::view).toList();
    }

    @Transactional
    public RunResponse get(UUID caseId, UUID runId) {
        Case c = cases.findVisible(caseId, current.get());
        PlaybookRun run = runs.run(runId);
        if (run == null || !run.caseId.equals(c.id)) {
            throw new ProblemException.NotFound("case " + caseId + " has no playbook run " + runId);
        }
        return view(run);
    }

    /**
     * Sets the run's status from its steps: finished when every step is; waiting when the next step waits for
     * approval; denied (and the rest skipped) when a step was denied; failed when a failed step stops it. The run
     * after the change is announced on case.events, and returned.
     */
    RunResponse advance(PlaybookRun run, Instant now) {
        settle(run, now);
        RunResponse after = view(run);
        events.publishRun(after, now);
        return after;
    }

    private void settle(PlaybookRun run, Instant now) {
        List<PlaybookStep> steps = runs.steps(run.id);
        boolean stop = false;
        PlaybookRun.Status stopped = null;
        for (PlaybookStep s : steps) {
            if (stop && !s.status.finished()) {
                s.status = PlaybookStep.Status.SKIPPED;
                s.detail = "skipped: an earlier step " + (stopped == PlaybookRun.Status.DENIED ? "was denied" : "failed");
                s.finishedAt = now;
                continue;
            }
            if (s.status == PlaybookStep.Status.DENIED) {
                stop = true;
                stopped = PlaybookRun.Status.DENIED;
            } else if (s.status == PlaybookStep.Status.FAILED && (s.onFailure == Playbook.OnFailure.STOP
                    || "STOP".equals(s.resolution))) {
                stop = true;
                stopped = PlaybookRun.Status.FAILED;
            } else if (s.status == PlaybookStep.Status.FAILED && s.onFailure == Playbook.OnFailure.ASK
                    && s.resolution == null) {
                run.status = PlaybookRun.Status.WAITING_DECISION; // nothing after it runs until the SOC decides
                if (s.waitingSince == null) {
                    s.waitingSince = now;
                }
                return;
            }
        }
        if (stopped != null) {
            run.status = stopped;
            run.finishedAt = now;
            return;
        }
        PlaybookStep next = steps.stream().filter(s -> !s.status.finished()).findFirst().orElse(null);
        if (next == null) {
            boolean anyFailed = steps.stream().anyMatch(s -> s.status == PlaybookStep.Status.FAILED);
            run.status = anyFailed ? PlaybookRun.Status.FAILED : PlaybookRun.Status.SUCCEEDED;
            run.finishedAt = now;
        } else {
            run.status = next.status == PlaybookStep.Status.WAITING_APPROVAL ? PlaybookRun.Status.WAITING_APPROVAL
                    : PlaybookRun.Status.RUNNING;
            if (next.status == PlaybookStep.Status.WAITING_APPROVAL && next.waitingSince == null) {
                next.waitingSince = now; // the approval clock starts when the run reaches the step
            }
        }
    }

    /**
     * Carries out one of Vigil's own steps when its turn comes (the driver's claiming transaction): patch tasks
     * for the host, the step's task, or the client told through its portal. Returns what it did, in words.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String carryOut(PlaybookRun run, PlaybookStep step, Case c) {
        Instant now = clock.instant();
        String actor = "playbook:" + run.playbook;
        Map<String, String> p = readParams(step.params);
        switch (step.action) {
            case PATCH_VULNERABILITIES -> {
                List<String> added = patches.addFor(c, step.target, null, actor).stream().map(t -> t.cve).toList();
                return added.isEmpty() ? "no known-exploited or critical CVE open on " + step.target + " without a patch task"
                        : added.size() + " patch task(s) on " + step.target + ": " + String.join(", ", added);
            }
            case CREATE_TASK -> {
                io.vigil.cases.task.CaseTask t = taskList.addFromPlaybook(c, p.get("title"), "playbook:" + run.playbook, actor, now);
                return "task " + t.position + " added: " + t.title;
            }
            case NOTIFY -> {
                io.vigil.cases.communication.Communication.Audience audience = p.get("audience") == null
                        ? io.vigil.cases.communication.Communication.Audience.CLIENT_IT
                        : io.vigil.cases.communication.Communication.Audience.valueOf(p.get("audience"));
                var m = communications.recordFor(c, audience, io.vigil.cases.communication.Communication.Channel.PORTAL,
                        "the client's portal", p.get("note"), actor, true, now);
                return "told " + audience + " through the portal: " + m.subject;
            }
            default -> throw new IllegalStateException(step.action + " is not one of Vigil's own steps");
        }
    }

    private String params(Playbook.Step s) {
        Map<String, String> p = new LinkedHashMap<>();
        if (s.title() != null) {
            p.put("title", s.title());
        }
        if (s.audience() != null) {
            p.put("audience", s.audience());
        }
        if (s.note() != null) {
            p.put("note", s.note());
        }
        try {
            return mapper.writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readParams(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("step params are not JSON: " + json, e);
        }
    }

    RunResponse view(PlaybookRun run) {
        List<RunResponse.Step> steps = runs.steps(run.id).stream().map(s -> new RunResponse.Step(s.key.position(),
                s.action.wire(), s.target, s.connector, s.onFailure, s.status, s.approval, s.waitingSince, s.decidedBy, s.decidedAt,
                s.decisionNote, s.attempts, s.detail, s.startedAt, s.finishedAt, s.resolution)).toList();
        return new RunResponse(run.id, run.tenantId, run.caseId, run.playbook, run.version, run.status, run.startedBy,
                run.startedAt, run.finishedAt, steps, undo(steps));
    }

    /** The undo of each succeeded containment that has one: isolate_host -> release-host, disable_account -> enable-account. */
    static List<RunResponse.Undo> undo(List<RunResponse.Step> steps) {
        List<RunResponse.Undo> out = new ArrayList<>();
        for (RunResponse.Step s : steps) {
            if (s.status() != PlaybookStep.Status.SUCCEEDED || s.target() == null) {
                continue;
            }
            switch (s.action()) {
                case "isolate_host" -> out.add(new RunResponse.Undo("release_host", s.target(), "release-host"));
                case "disable_account" -> out.add(new RunResponse.Undo("enable_account", s.target(), "enable-account"));
                default -> {
                }
            }
        }
        return out;
    }

    static Map<String, Object> summary(PlaybookStep s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.key.position());
        m.put("action", s.action.wire());
        m.put("target", s.target);
        m.put("status", s.status);
        m.put("approval", s.approval);
        if (s.detail != null) {
            m.put("detail", s.detail);
        }
        return m;
    }

    private static PlaybookStep step(PlaybookRun run, int position, Playbook.Step s, String target) {
        PlaybookStep step = new PlaybookStep();
        step.key = new PlaybookStep.Key(run.id, position);
        step.tenantId = run.tenantId;
        step.action = s.action();
        step.target = target;
        step.connector = s.connector();
        step.onFailure = s.onFailure();
        step.timeoutSeconds = s.timeoutSeconds();
        return step;
    }
}
