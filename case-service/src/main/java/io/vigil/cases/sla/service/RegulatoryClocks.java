package io.vigil.cases.sla.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.sla.CaseClock;
import io.vigil.cases.sla.CaseClock.Kind;
import io.vigil.cases.sla.RegulatoryNotification;
import io.vigil.cases.sla.repository.ClockRepository;
import io.vigil.cases.sla.rest.ClockResponse;
import io.vigil.cases.sla.rest.NotificationRequest;
import io.vigil.cases.sla.rest.NotificationResponse;
import io.vigil.cases.sla.rest.ReportableRequest;
import io.vigil.cases.tenantfacts.service.TenantFacts;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Regulators' deadlines on a reportable case, always counted 24x7 from the client's awareness:
 * NIS2 Art. 23 (early warning in 24 h, incident notification in 72 h, final report one month after the
 * notification), GDPR Art. 33 (the authority within 72 h), DORA (initial notification 4 h after
 * classification and at most 24 h after awareness, intermediate 72 h after the initial, final one month
 * after the intermediate). Each notification sent is recorded with its time and stops its clock.
 */
@ApplicationScoped
public class RegulatoryClocks {

    private final CaseRepository cases;
    private final ClockRepository clocks;
    private final SlaClocks sla;
    private final TenantFacts facts;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;

    public RegulatoryClocks(CaseRepository cases, ClockRepository clocks, SlaClocks sla, TenantFacts facts,
            CurrentTenant current, AuditChain audit, Clock clock) {
        this.cases = cases;
        this.clocks = clocks;
        this.sla = sla;
        this.facts = facts;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<ClockResponse> clocksOf(UUID caseId) {
        return sla.of(cases.findVisible(caseId, current.get()), clock.instant());
    }

    /** Starts the regime's first clocks; marking again under the same regime changes nothing. */
    @Transactional
    public List<ClockResponse> markReportable(UUID caseId, ReportableRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        List<String> regimes = facts.regimes(c.tenantId);
        if (!regimes.contains(r.regime().name())) {
            throw new ProblemException.Unprocessable("tenant " + c.tenantId + " does not report under " + r.regime()
                    + (regimes.isEmpty() ? " (it reports under none)" : " (it reports under " + regimes + ")")
                    + "; the tenant's regimes are set in tenant-service",
                    List.of(new Problem.FieldError("regime", "not one of the tenant's regimes")));
        }
        sla.lock(c);
        Instant now = clock.instant();
        Instant aware = r.awareAt() == null ? now : r.awareAt();
        if (aware.isAfter(now)) {
            throw new ProblemException.Unprocessable("awareAt is in the future",
                    List.of(new Problem.FieldError("awareAt", "must not be after now")));
        }
        boolean started = clocks.ofCase(c.id).stream().anyMatch(k -> r.regime().name().equals(k.regime));
        if (!started) {
            switch (r.regime()) {
                case NIS2 -> {
                    sla.startRegulatory(c, Kind.NIS2_EARLY_WARNING, aware, aware.plus(Duration.ofHours(24)), now);
                    sla.startRegulatory(c, Kind.NIS2_NOTIFICATION, aware, aware.plus(Duration.ofHours(72)), now);
                }
                case GDPR -> sla.startRegulatory(c, Kind.GDPR_NOTIFICATION, aware, aware.plus(Duration.ofHours(72)), now);
                case DORA -> {
                    Instant classified = r.classifiedAt() == null ? now : r.classifiedAt();
                    Instant due = min(classified.plus(Duration.ofHours(4)), aware.plus(Duration.ofHours(24)));
                    sla.startRegulatory(c, Kind.DORA_INITIAL, aware, due, now);
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("regime", r.regime());
            after.put("awareAt", aware);
            after.put("note", r.note());
            audit.append(c.tenantId, current.get().subject(), c.id, "case.reportable", null, after);
            // the watcher may already owe a warning or a breach (awareness long before marking)
            clocks.ofCase(c.id).forEach(k -> sla.check(c, k, now));
        }
        return sla.of(c, now);
    }

    /** Records a notification sent to the regulator, stops its clock, and starts the next stage's. */
    @Transactional
    public NotificationResponse record(UUID caseId, NotificationRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        sla.lock(c);
        Instant now = clock.instant();
        Instant sent = r.sentAt() == null ? now : r.sentAt();
        String stage = r.stage().trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        Kind kind;
        try {
            kind = Kind.valueOf(r.regime() + "_" + stage);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Unprocessable(r.regime() + " has no stage " + r.stage() + "; its stages are "
                    + stages(r.regime().name()), List.of(new Problem.FieldError("stage", "not a stage of " + r.regime())));
        }
        CaseClock k = clocks.ofCase(c.id).stream().filter(x -> x.kind == kind).findFirst().orElseThrow(() ->
                new ProblemException.Conflict("case " + c.number + " has no " + kind + " clock running: mark it reportable"
                        + " under " + r.regime() + " first, and send the stages in order"));
        if (!k.live()) {
            throw new ProblemException.Conflict("the " + kind + " notification of case " + c.number + " was already sent");
        }
        if (sent.isBefore(k.startedAt) || sent.isAfter(now)) {
            throw new ProblemException.Unprocessable("sentAt must lie between the clock's start and now",
                    List.of(new Problem.FieldError("sentAt", "between " + k.startedAt + " and now")));
        }
        Instant due = k.dueAt;
        RegulatoryNotification n = new RegulatoryNotification();
        n.id = UUID.randomUUID();
        n.tenantId = c.tenantId;
        n.caseId = c.id;
        n.regime = r.regime().name();
        n.stage = kind.stage();
        n.sentAt = sent;
        n.recipient = r.recipient();
        n.summary = r.summary();
        n.recordedBy = current.get().subject();
        n.recordedAt = now;
        clocks.record(n);
        sla.stopKind(c, kind, n.recordedBy, sent);
        java.time.ZoneId zone = facts.zone(c.tenantId);
        switch (kind) {
            case NIS2_NOTIFICATION -> sla.startRegulatory(c, Kind.NIS2_FINAL_REPORT, sent,
                    sent.atZone(zone).plusMonths(1).toInstant(), now);
            case DORA_INITIAL -> sla.startRegulatory(c, Kind.DORA_INTERMEDIATE, sent, sent.plus(Duration.ofHours(72)), now);
            case DORA_INTERMEDIATE -> sla.startRegulatory(c, Kind.DORA_FINAL, sent,
                    sent.atZone(zone).plusMonths(1).toInstant(), now);
            default -> {
            }
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("regime", n.regime);
        after.put("stage", n.stage);
        after.put("sentAt", sent);
        after.put("recipient", n.recipient);
        audit.append(c.tenantId, n.recordedBy, c.id, "case.regulator-notified", null, after);
        return response(n, due);
    }

    @Transactional
    public List<NotificationResponse> notifications(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        Map<String, Instant> due = new LinkedHashMap<>();
        clocks.ofCase(c.id).forEach(k -> due.put(k.kind.name(), k.dueAt));
        return clocks.notificationsOf(c.id).stream()
                .map(n -> response(n, due.get(n.regime + "_" + n.stage))).toList();
    }

    private static NotificationResponse response(RegulatoryNotification n, Instant due) {
        return new NotificationResponse(n.id, n.caseId, n.regime, n.stage, n.sentAt, n.recipient, n.summary,
                n.recordedBy, n.recordedAt, due, due == null || !n.sentAt.isAfter(due));
    }

    private static List<String> stages(String regime) {
        return java.util.Arrays.stream(Kind.values()).filter(k -> regime.equals(k.regime())).map(Kind::stage).toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
