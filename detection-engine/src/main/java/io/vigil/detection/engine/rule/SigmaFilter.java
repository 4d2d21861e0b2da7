package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.match.Matcher;
import java.util.List;

/**
 * A Sigma filter (specification v2): environment-specific tuning of the rules it names. As pySigma applies
 * it, the filter's condition is ANDed to each named rule's condition, so a filter written
 * {@code condition: not selection} drops the rule's matches that its selection describes.
 */
public record SigmaFilter(String id, String title, Logsource logsource, List<String> rules, Matcher condition) {

    /**
     * Whether the filter tunes the rule: it names the rule by id or name, and its logsource (where it says
     * anything) is the rule's.
     */
    public boolean appliesTo(SigmaRule rule) {
        boolean named = rules.stream().anyMatch(r -> r.equals(rule.id()) || r.equals(rule.name()));
        return named && (rule.logsource() == null || covers(rule.logsource()));
    }

    /** Whether a match of a tuned rule on this event still stands. */
    public boolean admits(Event event) {
        return condition.matches(event);
    }

    private boolean covers(Logsource ruleSource) {
        return same(logsource.product(), ruleSource.product()) && same(logsource.category(), ruleSource.category())
                && same(logsource.service(), ruleSource.service());
    }

    private static boolean same(String filterValue, String ruleValue) {
        return filterValue == null || filterValue.equals(ruleValue);
    }
}
