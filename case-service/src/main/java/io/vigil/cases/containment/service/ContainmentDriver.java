package io.vigil.cases.containment.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.PlaybookStep;
import io.vigil.cases.containment.connector.Connector;
import io.vigil.cases.containment.repository.ConnectorRepository;
import io.vigil.cases.containment.repository.ContainmentFactsRepository;
import io.vigil.cases.containment.repository.RunRepository;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.rest.CaseUpdate;
import io.vigil.cases.triage.service.CaseService;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the steps whose turn has come, one at a time per run, outside any transaction: claimed (RUNNING, one
 * more attempt) and committed first, sent, then recorded. A failed send is tried again up to
 * {@link #MAX_ATTEMPTS} times under the same idempotency key; a step left RUNNING by a stopped service is sent
 * again after two minutes, under that key too, so the receiver can tell a retry from a new action. When every
 * step of a run has finished and a containment action succeeded, the case becomes CONTAINED.
 */
@ApplicationScoped
public class ContainmentDriver {

    private static final Logger LOG = Logger.getLogger(ContainmentDriver.class);
    static final int MAX_ATTEMPTS = 3;
    private static final int BATCH = 20;
    /** A step RUNNING this long was left by a service that stopped mid-send (the query's two minutes too). */
    private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(2);

    private record Claim(PlaybookStep.Key key, Connector.Request request, String kind, Connector.Config config,
            String missing, String done) {
        Claim(PlaybookStep.Key key, Connector.Request request, String kind, Connector.Config config, String missing) {
            this(key, request, kind, config, missing, null);
        }
    }

    private final RunRepository runs;
    private final ConnectorRepository connectorConfigs;
    private final Connectors connectors;
    private final PlaybookRuns playbookRuns;
    private final CaseService caseService;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final EntityManager em;
    private final Clock clock;

    private final io.vigil.cases.notify.service.Notifier notifier;
    private final io.vigil.cases.tenantfacts.repository.TenantFactsRepository facts;
    private final ContainmentFactsRepository policies;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final ApprovalLinks approvalLinks;

    public ContainmentDriver(RunRepository runs, ConnectorRepository connectorConfigs, Connectors connectors,
            PlaybookRuns playbookRuns, CaseService caseService, CurrentTenant current, AuditChain audit, EntityManager em,
            Clock clock, io.vigil.cases.notify.service.Notifier notifier,
            io.vigil.cases.tenantfacts.repository.TenantFactsRepository facts, ContainmentFactsRepository policies,
            com.fasterxml.jackson.databind.ObjectMapper mapper, ApprovalLinks approvalLinks) {
        this.approvalLinks = approvalLinks;
        this.notifier = notifier;
        this.facts = facts;
        this.policies = policies;
        this.mapper = mapper;
        this.runs = runs;
        this.connectorConfigs = connectorConfigs;
        this.connectors = connectors;
        this.playbookRuns = playbookRuns;
        this.caseService = caseService;
        this.current = current;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.cases.containment.drive-every:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void drive() {
        try {
            driveNow();
            approvalLinks.askNow(clock.instant());
            escalateNow(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("containment driver pass failed, tried again at the next pass: %s", e.getMessage());
        }
    }

    /** One pass: every step whose turn has come is sent and recorded; returns how many were. */
    public int driveNow() {
        current.set(TenantContext.system("containment"));
        int done = 0;
        for (RunRepository.Runnable r : QuarkusTransaction.requiringNew().call(() -> runs.runnable(BATCH))) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(r));
            if (claim == null) {
                continue;
            }
            Connector.Outcome outcome = send(claim);
            QuarkusTransaction.requiringNew().run(() -> record(claim, outcome));
            done++;
        }
        return done;
    }

    /**
     * Every wait for approval past the tenant's {@code escalateAfterMinutes} (30 without a policy) climbs one
     * rung of the tenant's escalation matrix for the case's severity, once per period, and stays at the top;
     * each reminder is sent and on the timeline. The step keeps waiting: a timeout never approves.
     */
    public int escalateNow(Instant now) {
        current.set(TenantContext.system("containment"));
        int sent = 0;
        for (PlaybookStep waiting : QuarkusTransaction.requiringNew().call(() -> runs.waitingSince(now, BATCH))) {
            Reminder r = QuarkusTransaction.requiringNew().call(() -> reminder(waiting.key, now));
            if (r == null) {
                continue;
            }
            String outcome = r.channel() == null ? "not sent: " + r.body()
                    : notifier.sendOnce(r.tenantId(), r.caseId(), r.channel(), r.target(), r.subject(), r.body(), now);
            QuarkusTransaction.requiringNew().run(() -> {
                Map<String, Object> after = new java.util.LinkedHashMap<>();
                after.put("step", r.key().position());
                after.put("run", r.key().runId());
                after.put("waitedMinutes", r.waitedMinutes());
                after.put("escalation", r.escalation());
                after.put("contact", r.contact());
                after.put("channel", r.channel());
                after.put("outcome", outcome);
                audit.append(r.tenantId(), "containment", r.caseId(), "containment.approval.overdue", null, after);
            });
            sent++;
        }
        return sent;
    }

    private record Reminder(PlaybookStep.Key key, UUID tenantId, UUID caseId, int escalation, long waitedMinutes,
            String contact, io.vigil.cases.tenantfacts.EscalationRung.Channel channel, String target, String subject,
            String body) {
    }

    private Reminder reminder(PlaybookStep.Key key, Instant now) {
        PlaybookStep step = em.find(PlaybookStep.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (step == null || step.status != PlaybookStep.Status.WAITING_APPROVAL || step.waitingSince == null) {
            return null;
        }
        PlaybookRun run = runs.run(key.runId());
        int after = policies.policy(run.tenantId).map(ContainmentFactsRepository.PolicyRow::escalateAfterMinutes).orElse(30);
        Instant due = step.waitingSince.plus(java.time.Duration.ofMinutes((long) after * (step.escalations + 1)));
        if (now.isBefore(due)) {
            return null;
        }
        step.escalations++;
        Case c = em.find(Case.class, run.caseId);
        long waited = java.time.Duration.between(step.waitingSince, now).toMinutes();
        String subject = "[Vigil] approval needed: " + step.action.wire() + " on " + step.target + " (case #" + c.number + ")";
        String body = "Case #" + c.number + " (" + c.severity + "): " + c.title + "\n\nThe SOC asks to "
                + step.action.wire() + " on " + step.target + ". It has waited " + waited + " minutes for your approval"
                + " (" + step.approval + ").\nApprove or deny: POST /api/v1/cases/" + c.id + "/playbook-runs/" + run.id
                + "/steps/" + key.position() + "/decision\n";
        var rungs = facts.rungs(run.tenantId, c.severity.name());
        if (rungs.isEmpty()) {
            return new Reminder(key, run.tenantId, c.id, step.escalations, waited, null, null, null, subject,
                    "the tenant has no escalation matrix for " + c.severity + " cases");
        }
        var rung = rungs.get(Math.min(step.escalations, rungs.size()) - 1);
        var contact = facts.contact(rung.contactId).orElse(null);
        String target = contact == null ? null : contact.address(rung.channel);
        if (rung.channel == io.vigil.cases.tenantfacts.EscalationRung.Channel.WEBHOOK) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("type", "containment.approval-overdue");
            json.put("tenantId", run.tenantId);
            json.put("caseId", c.id);
            json.put("caseNumber", c.number);
            json.put("runId", run.id);
            json.put("step", key.position());
            json.put("action", step.action.wire());
            json.put("target", step.target);
            json.put("waitedMinutes", waited);
            json.put("escalation", step.escalations);
            try {
                body = mapper.writeValueAsString(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Reminder(key, run.tenantId, c.id, step.escalations, waited, contact == null ? "(deleted contact)"
                : contact.name, target == null ? null : rung.channel, target, subject,
                target == null ? "the contact has no address for " + rung.channel : body);
    }

    private Claim claim(RunRepository.Runnable r) {
        PlaybookRun run = runs.lockRun(r.runId());
        PlaybookStep step = em.find(PlaybookStep.class, new PlaybookStep.Key(r.runId(), r.position()),
                LockModeType.PESSIMISTIC_WRITE);
        boolean abandoned = step != null && step.status == PlaybookStep.Status.RUNNING && step.startedAt != null
                && step.startedAt.isBefore(clock.instant().minus(ABANDONED_AFTER));
        if (run == null || step == null || run.status != PlaybookRun.Status.RUNNING
                || !(step.status == PlaybookStep.Status.PENDING || abandoned)) {
            return null; // decided, or being sent by another pass, meanwhile
        }
        Case c = em.find(Case.class, run.caseId);
        step.status = PlaybookStep.Status.RUNNING;
        step.attempts++;
        step.startedAt = clock.instant();
        if (step.action.internal()) { // Vigil's own step: carried out here, in order, in this transaction
            return new Claim(step.key, null, null, null, null, playbookRuns.carryOut(run, step, c));
        }
        var config = connectorConfigs.find(run.tenantId, step.connector).orElse(null);
        Connector.Request request = new Connector.Request(run.tenantId, run.caseId, c.number, run.id, step.key.position(),
                step.action, step.target, run.id + ":" + step.key.position(), java.time.Duration.ofSeconds(step.timeoutSeconds));
        if (config == null) {
            return new Claim(step.key, request, null, null, "the client has no connector named '" + step.connector + "'");
        }
        try {
            return new Claim(step.key, request, config.kind(), connectors.config(config), null);
        } catch (IllegalStateException e) {
            return new Claim(step.key, request, config.kind(), null, e.getMessage());
        }
    }

    private Connector.Outcome send(Claim claim) {
        if (claim.done() != null) {
            return new Connector.Outcome(true, claim.done());
        }
        if (claim.missing() != null) {
            return new Connector.Outcome(false, claim.missing());
        }
        String why = connectors.refusal(claim.config().url());
        if (why != null) {
            return new Connector.Outcome(false, "refused to send to " + claim.config().url() + ": " + why);
        }
        Connector connector = connectors.kind(claim.kind()).orElse(null);
        if (connector == null) {
            return new Connector.Outcome(false, "no connector of kind " + claim.kind());
        }
        try {
            return connector.send(claim.config(), claim.request());
        } catch (Connector.MissingSetting e) {
            return new Connector.Outcome(false, e.getMessage());
        } catch (RuntimeException e) { // a connector's own bug: the step fails and says so, the driver goes on
            LOG.warnf(e, "connector %s failed on step %d of run %s", claim.kind(), claim.key().position(), claim.key().runId());
            return new Connector.Outcome(false, "the connector failed: " + e.getClass().getSimpleName());
        }
    }

    private void record(Claim claim, Connector.Outcome outcome) {
        Instant now = clock.instant();
        PlaybookRun run = runs.lockRun(claim.key().runId());
        PlaybookStep step = em.find(PlaybookStep.class, claim.key(), LockModeType.PESSIMISTIC_WRITE);
        step.detail = outcome.detail();
        boolean retry = !outcome.succeeded() && claim.missing() == null && step.attempts < MAX_ATTEMPTS;
        if (retry) {
            step.status = PlaybookStep.Status.PENDING;
        } else {
            step.status = outcome.succeeded() ? PlaybookStep.Status.SUCCEEDED : PlaybookStep.Status.FAILED;
            step.finishedAt = now;
        }
        Map<String, Object> after = PlaybookRuns.summary(step);
        after.put("run", run.id);
        after.put("attempt", step.attempts);
        audit.append(run.tenantId, "containment", run.caseId, outcome.succeeded() ? "containment.step.succeeded"
                : retry ? "containment.step.retrying" : "containment.step.failed", null, after);
        if (!outcome.succeeded() && !retry) {
            LOG.warnf("containment step %d of run %s (%s on %s) failed: %s", step.key.position(), run.id,
                    step.action.wire(), step.target, outcome.detail());
        }
        playbookRuns.advance(run, now);
        if (run.status.finished()) {
            audit.append(run.tenantId, "containment", run.caseId, "containment.run." + run.status.name().toLowerCase(),
                    null, Map.of("run", run.id, "playbook", run.playbook + " v" + run.version));
            contained(run);
        }
    }

    /** A run that carried out a containment action (not only undos) marks its case CONTAINED, where it may move. */
    private void contained(PlaybookRun run) {
        boolean contained = runs.steps(run.id).stream()
                .anyMatch(s -> s.status == PlaybookStep.Status.SUCCEEDED && s.action.gated());
        Case c = em.find(Case.class, run.caseId);
        if (contained && c.status != Case.Status.CONTAINED && Case.NEXT.get(c.status).contains(Case.Status.CONTAINED)) {
            caseService.update(c.id, new CaseUpdate(Case.Status.CONTAINED, null, null, null, null,
                    "contained by playbook " + run.playbook + " (run " + run.id + ")", null, null, null, null), null);
        }
    }
}
