package io.vigil.detection.engine;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.match.Prefilter;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of compiled rules, indexed so an event is only tested against the rules that can match it. Rules
 * are grouped in buckets by logsource (Windows category rules by event id, service rules by channel, the
 * rest by product); within a bucket, a prefilter of the texts each rule requires (one Aho-Corasick
 * automaton per field) leaves only the rules whose texts the event holds.
 */
public final class RuleSet {

    private record Entry(SigmaRule rule, LogsourceMapping.Gate gate) {
    }

    private final Map<String, List<Entry>> byEventId = new HashMap<>();
    private final Map<String, List<Entry>> byChannel = new HashMap<>();
    private final List<Entry> anyWindows = new ArrayList<>();
    private final List<Entry> nonWindows = new ArrayList<>();
    /** The candidates of each kind of event seen so far (event id + channel), built on first sight. */
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final LogsourceMapping mapping;
    private int size;

    public RuleSet(LogsourceMapping mapping) {
        this.mapping = mapping;
    }

    public synchronized RuleSet add(SigmaRule rule) {
        size++;
        kinds.clear();
        String product = rule.logsource().product();
        List<LogsourceMapping.Gate> gates = mapping.category(rule.logsource().category());
        List<String> channels = mapping.service(rule.logsource().service());
        boolean windows = "windows".equals(product) || (product == null && gates != null);
        if (!windows) {
            nonWindows.add(new Entry(rule, null));
        } else if (gates != null) {
            for (LogsourceMapping.Gate g : gates) {
                for (String id : g.eventIds()) {
                    byEventId.computeIfAbsent(id, k -> new ArrayList<>()).add(new Entry(rule, g));
                }
            }
        } else if (channels != null) {
            channels.forEach(c -> byChannel.computeIfAbsent(c, k -> new ArrayList<>()).add(new Entry(rule, null)));
        } else {
            anyWindows.add(new Entry(rule, null));
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** The rules that match the event, each once, in no particular order. */
    public List<SigmaRule> match(MapEvent event) {
        Object eventId = event.get("EventID");
        Object channelValue = event.get("Channel");
        String id = eventId == null ? null : text(eventId);
        String channel = channelValue == null ? null : channelValue.toString().toLowerCase(Locale.ROOT);
        Kind kind = kinds.get(id + "|" + channel);
        if (kind == null) {
            kind = kinds.computeIfAbsent(id + "|" + channel, k -> kindOf(id, channel));
        }
        List<SigmaRule> hits = new ArrayList<>(2);
        kind.match(event, channel, hits);
        return hits;
    }

    private synchronized Kind kindOf(String eventId, String channel) {
        List<Entry> entries = new ArrayList<>();
        if (eventId == null && channel == null) {
            entries.addAll(nonWindows);
        } else {
            if (eventId != null) {
                for (Entry e : byEventId.getOrDefault(eventId, List.of())) {
                    if (channel == null || e.gate().channel() == null || e.gate().channel().equals(channel)) {
                        entries.add(e);
                    }
                }
            }
            if (channel != null) {
                entries.addAll(byChannel.getOrDefault(channel, List.of()));
            }
            entries.addAll(anyWindows);
        }
        return new Kind(entries);
    }

    /** The rules an event of one kind can match, with one prefilter over all of them. */
    private static final class Kind {
        private final Entry[] entries;
        private final Prefilter prefilter;
        private final int[] unconstrained;
        private final List<LogsourceMapping.Gate> aliasing;
        private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

        Kind(List<Entry> entries) {
            this.entries = entries.toArray(Entry[]::new);
            this.prefilter = new Prefilter(entries.stream().map(e -> e.rule().detection().requirement()).toList());
            this.unconstrained = prefilter.unconstrained();
            this.aliasing = entries.stream().map(Entry::gate)
                    .filter(g -> g != null && !g.fields().isEmpty()).distinct().toList();
        }

        void match(MapEvent event, String channel, List<SigmaRule> hits) {
            if (entries.length == 0) {
                return;
            }
            Scratch sc = scratch.get();
            if (sc.marks.length < entries.length) {
                sc.marks = new int[entries.length];
            }
            int gen = ++sc.generation;
            sc.found.clear();
            prefilter.mark(event, sc.marks, gen, sc.found);
            sc.views.clear();
            for (LogsourceMapping.Gate g : aliasing) {
                if (admits(g, channel, event)) {
                    // The view adds the aliased fields (e.g. Image from NewProcessName): their texts may
                    // qualify more rules.
                    MapEvent view = aliased(event, g);
                    sc.views.put(g, view);
                    prefilter.mark(view, g.fields().keySet(), sc.marks, gen, sc.found);
                }
            }
            for (int i : unconstrained) {
                evaluate(i, event, channel, sc, hits);
            }
            for (int k = 0; k < sc.found.size(); k++) {
                evaluate(sc.found.get(k), event, channel, sc, hits);
            }
        }

        private void evaluate(int i, MapEvent event, String channel, Scratch sc, List<SigmaRule> hits) {
            LogsourceMapping.Gate g = entries[i].gate();
            MapEvent view = event;
            if (g != null) {
                if (!admits(g, channel, event)) {
                    return;
                }
                if (!g.fields().isEmpty()) {
                    view = sc.views.get(g);
                }
            }
            if (entries[i].rule().matches(view)) {
                hits.add(entries[i].rule());
            }
        }
    }

    private static final class Scratch {
        int[] marks = new int[0];
        int generation;
        final Prefilter.Found found = new Prefilter.Found();
        final Map<LogsourceMapping.Gate, MapEvent> views = new IdentityHashMap<>();
    }

    private static boolean admits(LogsourceMapping.Gate g, String channel, Event event) {
        if (channel != null && g.channel() != null && !g.channel().equals(channel)) {
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
