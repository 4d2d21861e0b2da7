package io.vigil.detection.engine.correlation;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.rule.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams base-rule matches through correlation rules. State is kept per tenant, correlation and group-by
 * values, so tenants never mix; a correlation fires once when its condition is met and its window starts
 * again. Events are placed by their own time, so late events still count in their window.
 */
public final class CorrelationEngine {

    /** A correlation that fired, with the group it fired for. */
    public record Hit(CorrelationRule rule, String tenant, Map<String, String> group, long count, Instant first,
            Instant last) {
    }

    private final Map<String, List<CorrelationRule>> byRuleRef = new HashMap<>();
    private final CorrelationStore store;

    /** An engine whose state lives in this process only (the offline scanner, tests). */
    public CorrelationEngine(List<CorrelationRule> correlations) {
        this(correlations, CorrelationStore.inMemory());
    }

    public CorrelationEngine(List<CorrelationRule> correlations, CorrelationStore store) {
        this.store = store;
        for (CorrelationRule c : correlations) {
            for (String ref : c.rules()) {
                byRuleRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(c);
            }
        }
    }

    /** Whether the rule is referenced by a correlation that does not let its rules alert on their own. */
    public boolean silences(SigmaRule base) {
        for (String ref : refsOf(base)) {
            for (CorrelationRule c : byRuleRef.getOrDefault(ref, List.of())) {
                if (!c.generate()) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return byRuleRef.isEmpty();
    }

    /** Feeds one match of a base rule; returns the correlations that fire because of it. */
    public List<Hit> onMatch(String tenant, SigmaRule base, Event event, Instant at) {
        List<Hit> hits = new ArrayList<>(0);
        for (String ref : refsOf(base)) {
            for (CorrelationRule c : byRuleRef.getOrDefault(ref, List.of())) {
                Map<String, String> group = group(c, ref, event);
                if (group == null) {
                    continue; // an event without the group-by fields cannot be placed in a group
                }
                Object value = c.type() == CorrelationRule.Type.VALUE_COUNT ? event.get(c.fieldFor(c.valueField(), ref)) : null;
                Hit hit = store.update(tenant, c, String.join("\u0001", group.values()),
                        state -> state.add(c, tenant, group, ref, value, at));
                if (hit != null) {
                    hits.add(hit);
                }
            }
        }
        return hits;
    }

    private static List<String> refsOf(SigmaRule r) {
        List<String> refs = new ArrayList<>(2);
        if (r.id() != null) {
            refs.add(r.id());
        }
        if (r.name() != null) {
            refs.add(r.name());
        }
        return refs;
    }

    private static Map<String, String> group(CorrelationRule c, String ref, Event e) {
        Map<String, String> g = new LinkedHashMap<>();
        for (String name : c.groupBy()) {
            Object v = e.get(c.fieldFor(name, ref));
            if (v == null) {
                return null;
            }
            g.put(name, v.toString());
        }
        return g;
    }
}
