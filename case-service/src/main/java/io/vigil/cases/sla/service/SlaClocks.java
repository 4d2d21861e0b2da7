package io.vigil.cases.sla.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.sla.BusinessHours;
import io.vigil.cases.sla.CaseClock;
import io.vigil.cases.sla.CaseClock.Kind;
import io.vigil.cases.sla.repository.ClockRepository;
import io.vigil.cases.sla.rest.ClockResponse;
import io.vigil.cases.tenantfacts.SlaTarget;
import io.vigil.cases.tenantfacts.repository.TenantFactsRepository;
import io.vigil.cases.tenantfacts.service.TenantFacts;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.service.CaseEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clocks of cases: started from the tenant's effective SLA policy when a case opens, paused while the
 * case waits on the customer, stopped by the provider action that meets each promise (never by a client's
 * comment), warned at a share of the target and breached at the target. Every warning, breach and met
 * promise is published ({@code case.sla.*}) and written to the case's audit trail, so it is on the timeline.
 * Callers hold the case row locked (see {@link #lock}) while its clocks change.
 */
@ApplicationScoped
public class SlaClocks {

    static final String ACTOR = "system:sla";
    private static final Set<Case.Status> TRIAGED = EnumSet.of(Case.Status.IN_PROGRESS, Case.Status.CONTAINED,
            Case.Status.RESOLVED, Case.Status.CLOSED);
    private static final Set<Case.Status> CONTAINED = EnumSet.of(Case.Status.CONTAINED, Case.Status.RESOLVED,
            Case.Status.CLOSED);
    private static final Set<Case.Status> RESOLVED = EnumSet.of(Case.Status.RESOLVED, Case.Status.CLOSED);

    private final ClockRepository clocks;
    private final TenantFactsRepository targets;
    private final TenantFacts facts;
    private final CaseEvents events;
    private final AuditChain audit;
    private final EntityManager em;
    private final int atRiskPercent;

    public SlaClocks(ClockRepository clocks, TenantFactsRepository targets, TenantFacts facts, CaseEvents events,
            AuditChain audit, EntityManager em,
            @ConfigProperty(name = "vigil.cases.sla.at-risk-percent", defaultValue = "75") int atRiskPercent) {
        this.clocks = clocks;
        this.targets = targets;
        this.facts = facts;
        this.events = events;
        this.audit = audit;
        this.em = em;
        this.atRiskPercent = atRiskPercent;
    }

    /** Holds the case row until the transaction ends, so the watcher and a request never change its clocks at once. */
    public void lock(Case c) {
        em.lock(c, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Starts the SLA clocks of a new case from the tenant's target for its severity (none when there is none). */
    public void start(Case c, Instant now) {
        SlaTarget t = targets.effectiveTarget(c.tenantId, c.severity.name()).orElse(null);
        if (t == null) {
            refresh(c, List.of(), now);
            return;
        }
        CaseClock.Counting counting = CaseClock.Counting.valueOf(t.clock);
        for (Map.Entry<Kind, Integer> e : targetsOf(t).entrySet()) {
            CaseClock k = new CaseClock();
            k.id = UUID.randomUUID();
            k.tenantId = c.tenantId;
            k.caseId = c.id;
            k.family = CaseClock.Family.SLA;
            k.kind = e.getKey();
            k.targetMinutes = e.getValue();
            k.counting = counting;
            k.status = CaseClock.Status.RUNNING;
            k.startedAt = now;
            k.runningSince = now;
            schedule(k, hours(k));
            clocks.persist(k);
        }
        refresh(c, clocks.ofCase(c.id), now);
    }

    /**
     * The case moved from {@code from} to its current status. Waiting on the customer pauses the SLA clocks
     * and leaving it resumes them; a provider's move stops the promises it meets.
     */
    public void moved(Case c, Case.Status from, boolean provider, String actor, Instant now) {
        List<CaseClock> all = clocks.ofCase(c.id);
        for (CaseClock k : all) {
            if (k.family != CaseClock.Family.SLA || !k.live()) {
                continue;
            }
            if (c.status == Case.Status.WAITING_ON_CUSTOMER && k.status == CaseClock.Status.RUNNING) {
                pause(k, now);
            } else if (from == Case.Status.WAITING_ON_CUSTOMER && k.status == CaseClock.Status.PAUSED) {
                resume(k, now);
            }
            if (provider && meets(k.kind, c.status)) {
                stop(c, k, actor, now);
            }
        }
        refresh(c, all, now);
    }

    /** An escalation or de-escalation by the provider is a triage decision: it meets the triage promise. */
    public void triaged(Case c, String actor, Instant now) {
        stopKind(c, Kind.TRIAGE, actor, now);
    }

    /** The provider told the client (a shared comment, a recorded notification): it meets the notify promise. */
    public void clientNotified(Case c, String actor, Instant now) {
        stopKind(c, Kind.NOTIFY, actor, now);
    }

    /**
     * The case closed: the SLA promises still open end. Containment and client notification are not owed for
     * a case that was not a true positive, so those clocks are cancelled rather than met. Regulatory clocks
     * run on: a regulator's final report is owed after closure too.
     */
    public void closed(Case c, String actor, Instant now) {
        List<CaseClock> all = clocks.ofCase(c.id);
        for (CaseClock k : all) {
            if (k.family != CaseClock.Family.SLA || !k.live()) {
                continue;
            }
            boolean owed = c.classification == Case.Classification.TRUE_POSITIVE
                    || (k.kind != Kind.CONTAIN && k.kind != Kind.NOTIFY);
            if (owed || k.breached) {
                stop(c, k, actor, now);
            } else {
                k.status = CaseClock.Status.CANCELLED;
                k.stoppedAt = now;
                k.stoppedBy = actor;
                k.runningSince = null;
            }
        }
        refresh(c, all, now);
    }

    /** The case's severity changed: the clocks still running work to the new severity's targets. */
    public void retarget(Case c, Instant now) {
        SlaTarget t = targets.effectiveTarget(c.tenantId, c.severity.name()).orElse(null);
        if (t == null) {
            return;
        }
        Map<Kind, Integer> minutes = targetsOf(t);
        List<CaseClock> all = clocks.ofCase(c.id);
        for (CaseClock k : all) {
            Integer m = minutes.get(k.kind);
            if (k.family == CaseClock.Family.SLA && k.live() && m != null && m != k.targetMinutes) {
                k.targetMinutes = m;
                k.atRisk = false;
                if (k.status == CaseClock.Status.RUNNING) {
                    schedule(k, hours(k));
                }
            }
        }
        refresh(c, all, now);
    }

    /** Starts a regulatory clock (ALWAYS counting) due at {@code due}. */
    public CaseClock startRegulatory(Case c, Kind kind, Instant start, Instant due, Instant now) {
        CaseClock k = new CaseClock();
        k.id = UUID.randomUUID();
        k.tenantId = c.tenantId;
        k.caseId = c.id;
        k.family = CaseClock.Family.REGULATORY;
        k.kind = kind;
        k.regime = kind.regime();
        k.targetMinutes = (int) Math.max(1, Duration.between(start, due).toMinutes());
        k.counting = CaseClock.Counting.ALWAYS;
        k.status = CaseClock.Status.RUNNING;
        k.startedAt = start;
        k.runningSince = start;
        schedule(k, hours(k));
        clocks.persist(k);
        audit.append(c.tenantId, ACTOR, c.id, "case.clock.started", null, Map.of("kind", kind, "dueAt", k.dueAt));
        return k;
    }

    /** Stops the clock of {@code kind} at {@code at} (a regulatory notification sent then). */
    public void stopKind(Case c, Kind kind, String actor, Instant at) {
        List<CaseClock> all = clocks.ofCase(c.id);
        all.stream().filter(k -> k.kind == kind && k.live()).forEach(k -> stop(c, k, actor, at));
        refresh(c, all, at);
    }

    /** One clock's warning or deadline came: marks it, publishes it, audits it. Returns whether anything changed. */
    public boolean check(Case c, CaseClock k, Instant now) {
        if (k.status != CaseClock.Status.RUNNING) {
            return false;
        }
        boolean changed = false;
        if (!k.atRisk && k.atRiskAt != null && !now.isBefore(k.atRiskAt)) {
            k.atRisk = true;
            changed = true;
            if (k.dueAt == null || now.isBefore(k.dueAt)) {
                announce("case.sla.at-risk", c, k, now);
            }
        }
        if (!k.breached && k.dueAt != null && !now.isBefore(k.dueAt)) {
            k.breached = true;
            changed = true;
            announce("case.sla.breached", c, k, now);
        }
        if (changed) {
            refresh(c, clocks.ofCase(c.id), now);
        }
        return changed;
    }

    public List<ClockResponse> of(Case c, Instant now) {
        return clocks.ofCase(c.id).stream().map(k -> response(k, now)).toList();
    }

    public ClockResponse response(CaseClock k, Instant now) {
        BusinessHours h = hours(k);
        long counted = k.consumedSeconds + (k.status == CaseClock.Status.RUNNING ? h.between(k.runningSince, now).toSeconds() : 0);
        long paused = k.pausedSeconds + (k.status == CaseClock.Status.PAUSED ? Duration.between(k.pausedSince, now).toSeconds() : 0);
        return new ClockResponse(k.id, k.family, k.kind, k.regime, k.targetMinutes, k.counting, state(k, now), k.startedAt,
                k.atRiskAt, k.dueAt, k.stoppedAt, k.stoppedBy, counted / 60, paused / 60,
                k.status == CaseClock.Status.PAUSED);
    }

    private static ClockResponse.State state(CaseClock k, Instant now) {
        if (k.breached) {
            return ClockResponse.State.BREACHED;
        }
        return switch (k.status) {
            case STOPPED -> ClockResponse.State.MET;
            case CANCELLED -> ClockResponse.State.CANCELLED;
            default -> k.atRisk || (k.atRiskAt != null && !now.isBefore(k.atRiskAt)) ? ClockResponse.State.AT_RISK
                    : ClockResponse.State.ON_TRACK;
        };
    }

    private static boolean meets(Kind kind, Case.Status status) {
        return switch (kind) {
            case ACKNOWLEDGE -> status != Case.Status.NEW;
            case TRIAGE -> TRIAGED.contains(status);
            case CONTAIN -> CONTAINED.contains(status);
            case RESOLVE -> RESOLVED.contains(status);
            default -> false;
        };
    }

    private static Map<Kind, Integer> targetsOf(SlaTarget t) {
        Map<Kind, Integer> m = new LinkedHashMap<>();
        m.put(Kind.ACKNOWLEDGE, t.acknowledgeMinutes);
        m.put(Kind.TRIAGE, t.triageMinutes);
        m.put(Kind.CONTAIN, t.containMinutes);
        m.put(Kind.NOTIFY, t.notifyMinutes);
        if (t.resolveMinutes != null) {
            m.put(Kind.RESOLVE, t.resolveMinutes);
        }
        return m;
    }

    private void stop(Case c, CaseClock k, String actor, Instant at) {
        BusinessHours h = hours(k);
        if (k.status == CaseClock.Status.RUNNING) {
            k.consumedSeconds += h.between(k.runningSince, at).toSeconds();
        } else if (k.status == CaseClock.Status.PAUSED) {
            k.pausedSeconds += Duration.between(k.pausedSince, at).toSeconds();
        }
        k.status = CaseClock.Status.STOPPED;
        k.runningSince = null;
        k.pausedSince = null;
        k.stoppedAt = at;
        k.stoppedBy = actor;
        if (k.breached) {
            announce("case.sla.met-late", c, k, at); // kept, after its deadline: reports count it late, not missing
        } else if (k.consumedSeconds > k.targetMinutes * 60L) {
            k.breached = true; // met late, before the watcher saw it
            announce("case.sla.breached", c, k, at);
            announce("case.sla.met-late", c, k, at);
        } else {
            announce("case.sla.met", c, k, at);
        }
    }

    private void pause(CaseClock k, Instant now) {
        k.consumedSeconds += hours(k).between(k.runningSince, now).toSeconds();
        k.status = CaseClock.Status.PAUSED;
        k.runningSince = null;
        k.pausedSince = now;
        k.dueAt = null;
        k.atRiskAt = null;
    }

    private void resume(CaseClock k, Instant now) {
        k.pausedSeconds += Duration.between(k.pausedSince, now).toSeconds();
        k.status = CaseClock.Status.RUNNING;
        k.pausedSince = null;
        k.runningSince = now;
        schedule(k, hours(k));
    }

    /** Where the counted time of a running clock will reach its warning share and its target. */
    private void schedule(CaseClock k, BusinessHours h) {
        long left = k.targetMinutes * 60L - k.consumedSeconds;
        long warnLeft = k.targetMinutes * 60L * atRiskPercent / 100 - k.consumedSeconds;
        k.dueAt = left <= 0 ? k.runningSince : h.plus(k.runningSince, Duration.ofSeconds(left));
        k.atRiskAt = warnLeft <= 0 ? k.runningSince : h.plus(k.runningSince, Duration.ofSeconds(warnLeft));
    }

    private BusinessHours hours(CaseClock k) {
        return k.counting == CaseClock.Counting.ALWAYS ? BusinessHours.always(facts.zone(k.tenantId))
                : facts.businessHours(k.tenantId);
    }

    private void announce(String type, Case c, CaseClock k, Instant at) {
        ClockResponse r = response(k, at);
        events.publishClock(type, c, r, at);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", k.kind);
        after.put("targetMinutes", k.targetMinutes);
        after.put("countedMinutes", r.countedMinutes());
        after.put("dueAt", k.dueAt);
        audit.append(c.tenantId, ACTOR, c.id, type, null, after);
    }

    /** The queue's view of the case's clocks: the worst state and the soonest running deadline. */
    private void refresh(Case c, List<CaseClock> all, Instant now) {
        String state = "NONE";
        Instant due = null;
        boolean live = false;
        boolean risk = false;
        boolean breached = false;
        for (CaseClock k : all) {
            if (k.status == CaseClock.Status.CANCELLED && !k.breached) {
                continue;
            }
            breached |= k.breached;
            if (k.live()) {
                live = true;
                risk |= state(k, now) == ClockResponse.State.AT_RISK;
            }
            if (k.status == CaseClock.Status.RUNNING && k.dueAt != null && (due == null || k.dueAt.isBefore(due))) {
                due = k.dueAt;
            }
            state = "MET";
        }
        if (breached) {
            state = "BREACHED";
        } else if (risk) {
            state = "AT_RISK";
        } else if (live) {
            state = "ON_TRACK";
        }
        c.slaState = state;
        c.slaDueAt = due;
        c.slaUrgency = due == null ? Case.NO_DEADLINE : -due.getEpochSecond();
    }
}
