package io.vigil.cases.grouping.service;

import io.vigil.cases.alert.AlertRaised;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.grouping.GroupingRule;
import io.vigil.cases.grouping.repository.GroupingRuleRepository;
import io.vigil.cases.grouping.rest.GroupingRequest;
import io.vigil.cases.grouping.rest.GroupingResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each tenant's grouping of alerts into cases, per rule or by default, and the decision for one alert: its
 * grouping key, the lookback and whether a closed case reopens. Without a setting: rule and host (or the
 * rule's correlation group), {@code vigil.cases.grouping.lookback}, {@code vigil.cases.grouping.reopen-closed}.
 */
@ApplicationScoped
public class GroupingRules {

    /** What grouping decides for one alert. */
    public record Decision(String key, Duration lookback, boolean reopenClosed) {
    }

    private final GroupingRuleRepository rules;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;
    private final Duration lookback;
    private final boolean reopenClosed;

    public GroupingRules(GroupingRuleRepository rules, CurrentTenant current, AuditChain audit, Clock clock,
            @ConfigProperty(name = "vigil.cases.grouping.lookback", defaultValue = "PT24H") Duration lookback,
            @ConfigProperty(name = "vigil.cases.grouping.reopen-closed", defaultValue = "false") boolean reopenClosed) {
        this.rules = rules;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
        this.lookback = lookback;
        this.reopenClosed = reopenClosed;
    }

    /** The grouping of this alert (the intake's transaction, the alert's tenant). */
    public Decision decide(UUID tenantId, UUID alertId, AlertRaised a) {
        GroupingRule g = rules.effective(tenantId, a.ruleId()).orElse(null);
        if (g == null) {
            return new Decision(defaultKey(a), lookback, reopenClosed);
        }
        String key = switch (g.matching) {
            case NONE -> "alert:" + alertId;
            case RULE -> "rule:" + a.ruleId();
            case ENTITIES -> entityKey(a, g);
        };
        return new Decision(key, Duration.ofMinutes(g.lookbackMinutes), g.reopenClosed);
    }

    /** Rule and host, or the rule's correlation group, or the rule alone. */
    public static String defaultKey(AlertRaised a) {
        String host = a.entities() == null ? null : a.entities().get("host");
        if (host != null && !host.isBlank()) {
            return "rule:" + a.ruleId() + "|host:" + host.toLowerCase(Locale.ROOT);
        }
        if (a.group() != null && !a.group().isEmpty()) {
            return "rule:" + a.ruleId() + "|group:" + new TreeMap<>(a.group());
        }
        return "rule:" + a.ruleId();
    }

    /** The listed entities the alert has, lower-cased; an alert with none of them groups as by default. */
    private static String entityKey(AlertRaised a, GroupingRule g) {
        Map<String, String> entities = a.entities() == null ? Map.of() : a.entities();
        StringBuilder key = new StringBuilder(g.acrossRules ? "entities" : "rule:" + a.ruleId());
        boolean any = false;
        for (String e : g.entities) {
            String v = entities.get(e);
            if (v != null && !v.isBlank()) {
                key.append('|').append(e).append(':').append(v.toLowerCase(Locale.ROOT));
                any = true;
            }
        }
        return any ? key.toString() : defaultKey(a);
    }

    @Transactional
    public List<GroupingResponse> list(UUID tenantId) {
        current.requireVisible(tenantId);
        return rules.ofTenant(tenantId).stream().map(GroupingResponse::of).toList();
    }

    @Transactional
    public GroupingResponse put(UUID tenantId, String ruleId, GroupingRequest r) {
        current.requireVisible(tenantId);
        List<String> entities = r.entities() == null ? List.of() : r.entities().stream().distinct().toList();
        if (r.matching() == GroupingRule.Matching.ENTITIES && entities.isEmpty()) {
            throw new ProblemException.Unprocessable("grouping by entities needs at least one entity",
                    List.of(new Problem.FieldError("entities", "e.g. [\"host\"] or [\"user\", \"sourceIp\"]")));
        }
        GroupingRule.Key key = new GroupingRule.Key(tenantId, ruleId);
        GroupingRule g = rules.findById(key);
        GroupingResponse before = g == null ? null : GroupingResponse.of(g);
        if (g == null) {
            g = new GroupingRule();
            g.key = key;
        }
        g.matching = r.matching();
        g.entities = entities.toArray(String[]::new);
        g.acrossRules = Boolean.TRUE.equals(r.acrossRules());
        g.lookbackMinutes = r.lookbackMinutes();
        g.reopenClosed = Boolean.TRUE.equals(r.reopenClosed());
        g.updatedAt = clock.instant();
        g.updatedBy = current.get().subject();
        if (before == null) {
            rules.persist(g);
        }
        GroupingResponse after = GroupingResponse.of(g);
        audit.append(tenantId, g.updatedBy, null, "grouping.replaced", before, after);
        return after;
    }

    @Transactional
    public void delete(UUID tenantId, String ruleId) {
        current.requireVisible(tenantId);
        GroupingRule g = rules.findById(new GroupingRule.Key(tenantId, ruleId));
        if (g == null) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no grouping setting for " + ruleId);
        }
        audit.append(tenantId, current.get().subject(), null, "grouping.removed", GroupingResponse.of(g), null);
        rules.delete(g);
    }
}
