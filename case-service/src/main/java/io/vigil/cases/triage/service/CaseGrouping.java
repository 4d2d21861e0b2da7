package io.vigil.cases.triage.service;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.AlertRaised;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.grouping.service.GroupingRules;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.mapping.CaseMapper;
import io.vigil.cases.triage.repository.CaseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Puts each new alert in a case, in the intake's transaction: the tenant's open case with the same grouping
 * key whose last activity is within the lookback, as the tenant set them for the rule ({@link GroupingRules};
 * by default the rule and the host, or the rule and its correlation group, within
 * {@code vigil.cases.grouping.lookback}); otherwise a new case. An alert on a case that is
 * already resolved or closed opens a new case (or, with {@code vigil.cases.grouping.reopen-closed}, reopens
 * it), so it is always in the queue, never lost.
 */
@ApplicationScoped
public class CaseGrouping {

    static final String ACTOR = "system:alert-intake";
    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    private static final List<String> CRITICALITIES = List.of("unknown", "low", "medium", "high", "critical");

    private final CaseRepository cases;
    private final AuditChain audit;
    private final CaseEvents events;
    private final io.vigil.cases.observable.service.Observables observables;
    private final GroupingRules groupingRules;
    private final io.vigil.cases.task.service.Tasks tasks;
    private final io.vigil.cases.sla.service.SlaClocks clocks;
    private final io.vigil.cases.tenantfacts.service.TenantFacts facts;
    private final java.time.Clock clock;
    private final io.vigil.cases.automation.service.AutomationRules automation;
    private final io.vigil.cases.tenantfacts.repository.ExposureRepository exposures;
    private final io.vigil.cases.task.service.Recovery recovery;

    public CaseGrouping(CaseRepository cases, AuditChain audit, CaseEvents events,
            io.vigil.cases.observable.service.Observables observables, io.vigil.cases.sla.service.SlaClocks clocks,
            io.vigil.cases.tenantfacts.service.TenantFacts facts, java.time.Clock clock, GroupingRules groupingRules,
            io.vigil.cases.task.service.Tasks tasks, io.vigil.cases.automation.service.AutomationRules automation,
            io.vigil.cases.tenantfacts.repository.ExposureRepository exposures,
            io.vigil.cases.task.service.Recovery recovery) {
        this.recovery = recovery;
        this.exposures = exposures;
        this.automation = automation;
        this.tasks = tasks;
        this.cases = cases;
        this.audit = audit;
        this.events = events;
        this.observables = observables;
        this.groupingRules = groupingRules;
        this.clocks = clocks;
        this.facts = facts;
        this.clock = clock;
    }

    /** Attaches the (new, persisted) alert to its case and returns the case. */
    public Case attach(Alert alert, AlertRaised raised) {
        GroupingRules.Decision grouping = groupingRules.decide(alert.tenantId, alert.id, raised);
        String key = grouping.key();
        cases.lockGroup(alert.tenantId, key);
        Case c = cases.latestInGroup(alert.tenantId, key);
        Instant now = clock.instant();
        boolean recent = c != null && !c.lastActivityAt.isBefore(alert.detectedAt.minus(grouping.lookback()));
        if (c != null && recent && !c.status.open() && grouping.reopenClosed()) {
            Case.Status from = c.status;
            reopen(c, now);
            audit.append(c.tenantId, ACTOR, c.id, "case.reopened", java.util.Map.of("status", from),
                    java.util.Map.of("status", c.status, "reason", "a new alert of the same group: " + alert.id));
            events.publish("case.reopened", c, new CaseEvents.Change(ACTOR, now, List.of("status"),
                    "a new alert of the same group", alert.id));
        } else if (c == null || !recent || !c.status.open()) {
            io.vigil.cases.task.service.Recovery.Sighting seen = recovery.sighting(alert.tenantId, raised, alert.detectedAt);
            if (seen != null) {
                c = seen.watched();
                Case.Status from = c.status;
                reopen(c, now);
                String why = "recurrence: " + seen.observable() + " seen again by rule " + raised.ruleId()
                        + " within the watch until " + c.watchUntil;
                audit.append(c.tenantId, ACTOR, c.id, "case.reopened", java.util.Map.of("status", from),
                        java.util.Map.of("status", c.status, "reason", why, "alertId", alert.id));
                events.publish("case.reopened", c, new CaseEvents.Change(ACTOR, now, List.of("status"), why, alert.id));
                return attachTo(c, alert, raised, now);
            }
            c = open(alert, raised, key, now);
            var routing = facts.routing(c.tenantId, now);
            c.ownerParty = routing.clientTeam() ? Case.Party.CLIENT : Case.Party.PROVIDER;
            cases.persist(c);
            alert.caseId = c.id;
            observables.fromAlert(c, raised, ACTOR);
            clocks.start(c, now);
            tasks.applyTemplates(c, ACTOR);
            java.util.Map<String, Object> created = new java.util.LinkedHashMap<>();
            created.put("case", CaseMapper.toResponse(c));
            created.put("routedTo", c.ownerParty);
            created.put("routing", routing.reason());
            audit.append(c.tenantId, ACTOR, c.id, "case.created", null, created);
            events.publish("case.created", c, new CaseEvents.Change(ACTOR, now, List.of(), null, alert.id));
            automation.caseCreated(c);
            return c;
        }
        return attachTo(c, alert, raised, now);
    }

    private Case attachTo(Case c, Alert alert, AlertRaised raised, Instant now) {
        Alert.Severity was = c.severity;
        String criticalityBefore = c.assetCriticality;
        add(c, alert, raised, now);
        alert.caseId = c.id;
        if (c.severity != was) {
            clocks.lock(c);
            clocks.retarget(c, now);
        }
        observables.fromAlert(c, raised, ACTOR);
        tasks.applyTemplates(c, ACTOR); // an alert may bring a technique a template is chosen by
        audit.append(c.tenantId, ACTOR, c.id, "case.alert-added", null, java.util.Map.of("alertId", alert.id,
                "alertCount", c.alertCount, "severity", c.severity, "priority", c.priority));
        events.publish("case.alert-added", c, new CaseEvents.Change(ACTOR, now, List.of("alertCount"), null,
                alert.id));
        List<String> changed = new java.util.ArrayList<>();
        if (c.severity != was) {
            changed.add("severity");
        }
        if (!java.util.Objects.equals(criticalityBefore, c.assetCriticality)) {
            changed.add("assetCriticality");
        }
        automation.caseUpdated(c, changed); // a new alert may raise the severity or the criticality a rule waits for
        return c;
    }

    private Case open(Alert alert, AlertRaised a, String key, Instant now) {
        Case c = new Case();
        c.id = UUID.randomUUID();
        c.tenantId = alert.tenantId;
        c.number = cases.nextNumber(alert.tenantId);
        c.title = alert.title;
        c.ruleId = a.ruleId();
        c.groupingKey = key;
        c.severity = alert.severity;
        c.severityRank = alert.severity.ordinal();
        c.ruleLevel = a.level();
        c.assetCriticality = a.entities() == null ? null : a.entities().get("assetCriticality");
        c.firstActivityAt = alert.detectedAt;
        c.lastActivityAt = alert.detectedAt;
        c.createdAt = now;
        c.updatedAt = now;
        c.alertCount = 1;
        c.intelHits = "intel".equals(a.kind()) ? 1 : 0;
        c.hosts = hosts(a).toArray(String[]::new);
        c.techniques = techniques(a).toArray(String[]::new);
        c.tactics = a.tactics() == null ? new String[0] : a.tactics().toArray(String[]::new);
        score(c);
        return c;
    }

    private void add(Case c, Alert alert, AlertRaised a, Instant now) {
        c.alertCount++;
        if (!c.severitySetByAnalyst && alert.severity.ordinal() > c.severity.ordinal()) {
            c.severity = alert.severity;
            c.severityRank = c.severity.ordinal();
        }
        c.ruleLevel = higher(LEVELS, c.ruleLevel, a.level());
        c.assetCriticality = higher(CRITICALITIES, c.assetCriticality,
                a.entities() == null ? null : a.entities().get("assetCriticality"));
        if ("intel".equals(a.kind())) {
            c.intelHits++;
        }
        c.hosts = union(c.hosts, hosts(a));
        c.techniques = union(c.techniques, techniques(a));
        c.tactics = union(c.tactics, a.tactics() == null ? List.of() : a.tactics());
        if (alert.detectedAt.isBefore(c.firstActivityAt)) {
            c.firstActivityAt = alert.detectedAt;
        }
        if (alert.detectedAt.isAfter(c.lastActivityAt)) {
            c.lastActivityAt = alert.detectedAt;
        }
        c.updatedAt = now;
        c.version++;
        score(c);
    }

    private void reopen(Case c, Instant now) {
        c.status = Case.Status.IN_PROGRESS;
        c.classification = null;
        c.closedAt = null;
        c.resolvedAt = null;
        c.updatedAt = now;
        c.version++;
    }

    /**
     * Recomputes the priority from the case's aggregates, what the scanners found open on its hosts and the
     * rule's verdict history at this tenant.
     */
    public void score(Case c) {
        long[] v = c.ruleId == null ? new long[] {0, 0} : cases.verdicts(c.tenantId, c.ruleId);
        Priority.Score s = Priority.of(c.ruleLevel, c.assetCriticality, c.intelHits, c.hosts.length,
                worstExposure(exposures.ofHosts(c.tenantId, java.util.Arrays.asList(c.hosts))), v[0], v[1]);
        c.priority = s.value();
        c.priorityFactors = CaseMapper.factorsJson(s.factors());
    }

    /** The finding that weighs most: known exploited first, then the highest score; null when no host was scanned. */
    static Priority.Exposure worstExposure(List<io.vigil.cases.tenantfacts.repository.ExposureRepository.AssetExposure> assets) {
        Priority.Exposure worst = null;
        for (var a : assets) {
            for (var cve : a.cves()) {
                Priority.Exposure e = new Priority.Exposure(a.hostname(), cve.cve(), cve.cvss(), cve.knownExploited(),
                        cve.kevDateAdded(), cve.ransomware(), a.scanner(), a.scannedAt());
                if (worst == null || worst.cve() == null || weight(e) > weight(worst)) {
                    worst = e;
                }
            }
            if (worst == null) {
                worst = new Priority.Exposure(a.hostname(), null, null, false, null, false, a.scanner(), a.scannedAt());
            }
        }
        return worst;
    }

    private static double weight(Priority.Exposure e) {
        return (e.knownExploited() ? 100 : 0) + (e.cvss() == null ? 0 : e.cvss());
    }

    private static String higher(List<String> scale, String a, String b) {
        int ia = a == null ? -1 : scale.indexOf(a.toLowerCase(Locale.ROOT));
        int ib = b == null ? -1 : scale.indexOf(b.toLowerCase(Locale.ROOT));
        return ib > ia ? b.toLowerCase(Locale.ROOT) : a;
    }

    private static Set<String> hosts(AlertRaised a) {
        Set<String> out = new LinkedHashSet<>();
        if (a.entities() != null && a.entities().get("host") != null) {
            out.add(a.entities().get("host").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Set<String> techniques(AlertRaised a) {
        Set<String> out = new LinkedHashSet<>();
        if (a.techniques() != null) {
            a.techniques().forEach(t -> out.add(t.id()));
        }
        return out;
    }

    private static String[] union(String[] have, java.util.Collection<String> more) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(have));
        out.addAll(more);
        return out.toArray(String[]::new);
    }
}
