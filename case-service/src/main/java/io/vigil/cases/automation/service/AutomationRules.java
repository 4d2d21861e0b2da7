package io.vigil.cases.automation.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.automation.AutomationRule;
import io.vigil.cases.automation.rest.AutomationRuleRequest;
import io.vigil.cases.automation.rest.AutomationRuleResponse;
import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.service.ContainmentPolicy;
import io.vigil.cases.containment.service.PlaybookRuns;
import io.vigil.cases.triage.Case;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's automation rules, triggered when a case is created or updated. Matching rules run their
 * playbooks in position order, each run's steps gated by the client's pre-approvals as an analyst's are.
 */
@ApplicationScoped
public class AutomationRules {

    private final EntityManager em;
    private final CurrentTenant current;
    private final io.vigil.cases.containment.service.Playbooks catalog;
    private final PlaybookRuns runs;
    private final AuditChain audit;
    private final Clock clock;

    public AutomationRules(EntityManager em, CurrentTenant current, io.vigil.cases.containment.service.Playbooks catalog, PlaybookRuns runs,
            AuditChain audit, Clock clock) {
        this.em = em;
        this.current = current;
        this.catalog = catalog;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AutomationRuleResponse put(UUID tenantId, String name, AutomationRuleRequest r) {
        current.requireVisible(tenantId);
        if (!io.vigil.cases.support.Names.valid(name)) {
            throw new ProblemException.BadRequest("a rule name is lower-case letters, digits and dashes (at most 63)");
        }
        if (catalog.find(tenantId, r.playbook()).isEmpty()) {
            throw new ProblemException.Unprocessable("no playbook '" + r.playbook() + "'; known: "
                    + catalog.all(tenantId).stream().map(Playbook::name).toList(), List.of());
        }
        AutomationRule rule = em.find(AutomationRule.class, new AutomationRule.Key(tenantId, name));
        Map<String, Object> before = rule == null ? null : Map.of("playbook", rule.playbook, "enabled", rule.enabled);
        if (rule == null) {
            rule = new AutomationRule();
            rule.key = new AutomationRule.Key(tenantId, name);
        }
        rule.position = r.position();
        rule.severities = r.severities() == null ? new String[0] : r.severities().stream().map(Enum::name).toArray(String[]::new);
        rule.ruleIds = r.ruleIds() == null ? new String[0] : r.ruleIds().toArray(String[]::new);
        rule.labels = r.labels() == null ? new String[0] : r.labels().toArray(String[]::new);
        rule.minCriticality = r.minCriticality();
        rule.playbook = r.playbook();
        rule.enabled = r.enabled() == null || r.enabled();
        rule.expiresAt = r.expiresAt();
        rule.trigger = r.trigger() == null ? "CASE_CREATED" : r.trigger();
        rule.updatedAt = clock.instant();
        rule.updatedBy = current.get().subject();
        if (!em.contains(rule)) {
            em.persist(rule);
        }
        audit.append(tenantId, rule.updatedBy, null, "automation.rule.set", before, Map.of("name", name,
                "playbook", rule.playbook, "enabled", rule.enabled));
        return view(rule);
    }

    @Transactional
    public List<AutomationRuleResponse> list(UUID tenantId) {
        current.requireVisible(tenantId);
        return ofTenant(tenantId).stream().map(AutomationRules::view).toList();
    }

    @Transactional
    public void delete(UUID tenantId, String name) {
        current.requireVisible(tenantId);
        AutomationRule rule = em.find(AutomationRule.class, new AutomationRule.Key(tenantId, name));
        if (rule == null) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no automation rule " + name);
        }
        em.remove(rule);
        audit.append(tenantId, current.get().subject(), null, "automation.rule.deleted", Map.of("name", name), null);
    }

    /** A case was just created (the intake's transaction): every enabled, unexpired rule that matches runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseCreated(Case c) {
        fire(c, "CASE_CREATED");
    }

    /** What a CASE_UPDATED rule's conditions read: only a change of one of them can make a case match. */
    private static final Set<String> WATCHED = Set.of("severity", "labels", "assetCriticality");

    /**
     * A case was updated (the update's transaction) in these fields: when one of them is what rules match on,
     * every enabled, unexpired CASE_UPDATED rule that matches the case now and has not run on it yet runs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseUpdated(Case c, java.util.Collection<String> changed) {
        if (changed.stream().anyMatch(WATCHED::contains)) {
            fire(c, "CASE_UPDATED");
        }
    }

    private void fire(Case c, String trigger) {
        Instant now = clock.instant();
        for (AutomationRule rule : ofTenant(c.tenantId)) {
            if (!trigger.equals(rule.trigger) || !rule.enabled || (rule.expiresAt != null && !now.isBefore(rule.expiresAt))
                    || !matches(rule, c)) {
                continue;
            }
            if (trigger.equals("CASE_UPDATED") && ranOn(c, rule)) {
                continue; // once per case: a later update does not run it again
            }
            Playbook p = catalog.find(c.tenantId, rule.playbook).orElse(null);
            if (p == null) {
                continue; // the playbook was withdrawn since the rule was set
            }
            PlaybookRun run = runs.startFor(c, p, "automation:" + rule.key.name());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("rule", rule.key.name());
            after.put("playbook", p.name());
            after.put("run", run.id);
            audit.append(c.tenantId, "automation:" + rule.key.name(), c.id, "automation.rule.matched", null, after);
        }
    }

    static boolean matches(AutomationRule rule, Case c) {
        if (rule.severities.length > 0 && !List.of(rule.severities).contains(c.severity.name())) {
            return false;
        }
        if (rule.ruleIds.length > 0 && !List.of(rule.ruleIds).contains(c.ruleId)) {
            return false;
        }
        if (rule.labels.length > 0 && List.of(rule.labels).stream().noneMatch(List.of(c.labels)::contains)) {
            return false;
        }
        if (rule.minCriticality != null) {
            return ContainmentPolicy.rank(c.assetCriticality) >= ContainmentPolicy.rank(rule.minCriticality);
        }
        return true;
    }

    private boolean ranOn(Case c, AutomationRule rule) {
        Number n = (Number) em.createNativeQuery("select count(*) from playbook_runs where case_id = ?1 and started_by = ?2")
                .setParameter(1, c.id).setParameter(2, "automation:" + rule.key.name()).getSingleResult();
        return n.longValue() > 0;
    }

    private List<AutomationRule> ofTenant(UUID tenantId) {
        return em.createQuery("from AutomationRule where key.tenantId = ?1 order by position, key.name", AutomationRule.class)
                .setParameter(1, tenantId).getResultList();
    }

    private static AutomationRuleResponse view(AutomationRule r) {
        return new AutomationRuleResponse(r.key.tenantId(), r.key.name(), r.position, r.trigger, List.of(r.severities),
                List.of(r.ruleIds), List.of(r.labels), r.minCriticality, r.playbook, r.enabled, r.expiresAt, r.updatedAt,
                r.updatedBy);
    }
}
