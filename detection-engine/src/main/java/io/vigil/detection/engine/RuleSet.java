package io.vigil.detection.engine;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of compiled rules, indexed so an event is only tested against the rules its kind can match:
 * Windows category rules by event id (then channel), service rules by channel, the rest by product.
 */
public final class RuleSet {

    private record Candidate(SigmaRule rule, LogsourceMapping.Gate gate) {
    }

    private final Map<String, List<Candidate>> byEventId = new HashMap<>();
    private final Map<String, List<SigmaRule>> byChannel = new HashMap<>();
    private final List<SigmaRule> anyWindows = new ArrayList<>();
    private final List<SigmaRule> nonWindows = new ArrayList<>();
    private final LogsourceMapping mapping;
    private int size;

    public RuleSet(LogsourceMapping mapping) {
        this.mapping = mapping;
    }

    public RuleSet add(SigmaRule rule) {
        size++;
        String product = rule.logsource().product();
        List<LogsourceMapping.Gate> gates = mapping.category(rule.logsource().category());
        List<String> channels = mapping.service(rule.logsource().service());
        boolean windows = "windows".equals(product) || (product == null && gates != null);
        if (!windows) {
            nonWindows.add(rule);
        } else if (gates != null) {
            for (LogsourceMapping.Gate g : gates) {
                for (String id : g.eventIds()) {
                    byEventId.computeIfAbsent(id, k -> new ArrayList<>()).add(new Candidate(rule, g));
                }
            }
        } else if (channels != null) {
            channels.forEach(c -> byChannel.computeIfAbsent(c, k -> new ArrayList<>()).add(rule));
        } else {
            anyWindows.add(rule);
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** The rules that match the event, each once, in no particular order. */
    public List<SigmaRule> match(MapEvent event) {
        List<SigmaRule> hits = new ArrayList<>(2);
        Object eventId = event.get("EventID");
        Object channelValue = event.get("Channel");
        if (eventId == null && channelValue == null) {
            for (SigmaRule r : nonWindows) {
                if (r.matches(event)) {
                    hits.add(r);
                }
            }
            return hits;
        }
        String channel = channelValue == null ? null : channelValue.toString().toLowerCase(Locale.ROOT);
        List<Candidate> candidates = eventId == null ? List.of() : byEventId.getOrDefault(text(eventId), List.of());
        Map<LogsourceMapping.Gate, MapEvent> views = null;
        for (Candidate c : candidates) {
            if (!admits(c.gate(), channel, event)) {
                continue;
            }
            MapEvent view = event;
            if (!c.gate().fields().isEmpty()) {
                if (views == null) {
                    views = new java.util.IdentityHashMap<>();
                }
                view = views.computeIfAbsent(c.gate(), g -> aliased(event, g));
            }
            if (c.rule().matches(view)) {
                hits.add(c.rule());
            }
        }
        if (channel != null) {
            for (SigmaRule r : byChannel.getOrDefault(channel, List.of())) {
                if (r.matches(event)) {
                    hits.add(r);
                }
            }
        }
        for (SigmaRule r : anyWindows) {
            if (r.matches(event)) {
                hits.add(r);
            }
        }
        return hits;
    }

    private static boolean admits(LogsourceMapping.Gate g, String channel, Event event) {
        if (channel != null && g.channel() != null && !g.channel().equalsIgnoreCase(channel)) {
            return false;
        }
        for (Map.Entry<String, List<String>> w : g.where().entrySet()) {
            Object v = event.get(w.getKey());
            if (v == null || w.getValue().stream().noneMatch(x -> x.equalsIgnoreCase(v.toString()))) {
                return false;
            }
        }
        return true;
    }

    /** The event seen through the gate's field names (e.g. Security 4688's NewProcessName as Image). */
    private static MapEvent aliased(MapEvent event, LogsourceMapping.Gate g) {
        Map<String, Object> copy = new HashMap<>(event.fields());
        g.fields().forEach((ruleField, eventField) -> {
            if (!copy.containsKey(ruleField) && event.has(eventField)) {
                copy.put(ruleField, event.get(eventField));
            }
        });
        return new MapEvent(copy);
    }

    private static String text(Object o) {
        if (o instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return o.toString().trim();
    }
}
