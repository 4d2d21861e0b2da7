package io.vigil.cases.automation.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.automation.AutomationRule;
import io.vigil.cases.automation.rest.AutomationRuleRequest;
import io.vigil.cases.automation.rest.AutomationRuleResponse;
import io.vigil.cases.containment.Playbook;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.service.PlaybookCatalog;
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
import java.util.UUID;

/**
 * A tenant's automation rules, and their one trigger so far: a case was created. Matching rules run their
 * playbooks in position order, each run's steps gated by the client's pre-approvals as an analyst's are.
 */
@ApplicationScoped
public class AutomationRules {

    private final EntityManager em;
    private final CurrentTenant current;
    private final PlaybookCatalog catalog;
    private final PlaybookRuns runs;
    private final AuditChain audit;
    private final Clock clock;

    public AutomationRules(EntityManager em, CurrentTenant current, PlaybookCatalog catalog, PlaybookRuns runs,
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
        if (catalog.find(r.playbook()).isEmpty()) {
            throw new ProblemException.Unprocessable("no playbook '" + r.playbook() + "'; known: "
                    + catalog.all().stream().map(Playbook::name).toList(), List.of());
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
        Instant now = clock.instant();
        for (AutomationRule rule : ofTenant(c.tenantId)) {
            if (!rule.enabled || (rule.expiresAt != null && !now.isBefore(rule.expiresAt)) || !matches(rule, c)) {
                continue;
            }
            Playbook p = catalog.find(rule.playbook).orElse(null);
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
