package io.vigil.detection.engine.correlation;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.rule.SigmaRule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public CorrelationEngine(List<CorrelationRule> correlations) {
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
                String key = tenant + "\u0000" + c.id() + "\u0000" + group.values();
                Window w = windows.computeIfAbsent(key, k -> new Window());
                Hit hit;
                synchronized (w) {
                    hit = w.add(c, tenant, group, ref, event, at);
                }
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

    /** The state of one group of one correlation. */
    private static final class Window {
        private final Deque<Instant> times = new ArrayDeque<>();
        private final Map<String, Instant> values = new HashMap<>();
        private final Map<String, Instant> ruleSeen = new HashMap<>();
        private Instant[] chain;

        Hit add(CorrelationRule c, String tenant, Map<String, String> group, String ref, Event e, Instant at) {
            Instant from = at.minus(c.timespan());
            return switch (c.type()) {
                case EVENT_COUNT -> {
                    times.addLast(at);
                    times.removeIf(t -> t.isBefore(from));
                    yield fireIf(c, tenant, group, times.size(), first(times), at, this::reset);
                }
                case VALUE_COUNT -> {
                    Object v = e.get(c.fieldFor(c.valueField(), ref));
                    if (v == null) {
                        yield null;
                    }
                    values.put(v.toString(), at);
                    values.values().removeIf(t -> t.isBefore(from));
                    yield fireIf(c, tenant, group, values.size(), values.values().stream().min(Instant::compareTo).orElse(at), at,
                            this::reset);
                }
                case TEMPORAL -> {
                    ruleSeen.put(ref, at);
                    ruleSeen.values().removeIf(t -> t.isBefore(from));
                    yield fireIf(c, tenant, group, ruleSeen.size(), ruleSeen.values().stream().min(Instant::compareTo).orElse(at),
                            at, this::reset);
                }
                case TEMPORAL_ORDERED -> ordered(c, tenant, group, ref, at);
            };
        }

        private Hit ordered(CorrelationRule c, String tenant, Map<String, String> group, String ref, Instant at) {
            int n = c.rules().size();
            if (chain == null) {
                chain = new Instant[n];
            }
            int idx = c.rules().indexOf(ref);
            if (idx == 0) {
                chain = new Instant[n];
                chain[0] = at;
            } else if (idx > 0 && chain[idx - 1] != null && !at.isBefore(chain[idx - 1])) {
                chain[idx] = at;
            }
            if (chain[0] != null && at.minus(c.timespan()).isAfter(chain[0])) {
                chain = new Instant[n]; // the first step fell out of the window
                return null;
            }
            int done = 0;
            while (done < n && chain[done] != null) {
                done++;
            }
            return fireIf(c, tenant, group, done, chain[0], at, () -> chain = new Instant[n]);
        }

        private static Instant first(Deque<Instant> d) {
            return d.stream().min(Instant::compareTo).orElse(null);
        }

        private void reset() {
            times.clear();
            values.clear();
            ruleSeen.clear();
        }

        private static Hit fireIf(CorrelationRule c, String tenant, Map<String, String> group, long count, Instant first,
                Instant last, Runnable reset) {
            if (!c.satisfied(count)) {
                return null;
            }
            reset.run();
            return new Hit(c, tenant, group, count, first, last);
        }
    }
}
