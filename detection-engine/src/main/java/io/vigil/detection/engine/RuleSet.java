package io.vigil.detection.engine;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.match.Prefilter;
import io.vigil.detection.engine.match.Requirement;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        return match(event, EventKind.of(event));
    }

    /** The same, for a caller that knows the event's kind already. */
    public List<SigmaRule> match(MapEvent event, EventKind k) {
        List<SigmaRule> hits = new ArrayList<>(2);
        kind(k).match(event, k.channel(), hits);
        return hits;
    }

    /**
     * The rules an event of this kind carrying these fields could match: the rules written for its logsource
     * whose necessary texts can sit in a field it has (or in any field, or that need no text). Field names
     * compare case-insensitively, as matching does; a logsource's aliased fields (Security 4688's
     * NewProcessName seen as Image) count as present when their source is.
     */
    public List<SigmaRule> reachable(EventKind kind, Set<String> fields) {
        Set<String> lower = new HashSet<>();
        fields.forEach(f -> lower.add(f.toLowerCase(Locale.ROOT)));
        List<SigmaRule> out = new ArrayList<>();
        for (Entry e : kind(kind).entries) {
            Set<String> present = lower;
            if (e.gate() != null && !e.gate().fields().isEmpty()) {
                present = new HashSet<>(lower);
                for (Map.Entry<String, String> alias : e.gate().fields().entrySet()) {
                    if (lower.contains(alias.getValue().toLowerCase(Locale.ROOT))) {
                        present.add(alias.getKey().toLowerCase(Locale.ROOT));
                    }
                }
            }
            Requirement r = e.rule().detection().requirement();
            Set<String> have = present;
            if (r == null || r.anyOf().stream().anyMatch(fl -> couldHold(fl, kind, have))) {
                out.add(e.rule());
            }
        }
        return out;
    }

    /** Whether an event of the kind with these (lower-cased) fields can hold the text: its id and channel are known. */
    private static boolean couldHold(Requirement.FieldLiteral fl, EventKind kind, Set<String> fields) {
        String field = fl.field().toLowerCase(Locale.ROOT);
        if (field.equals(Requirement.ANY_FIELD)) {
            return true;
        }
        if (field.equals("eventid") && kind.eventId() != null) {
            return kind.eventId().contains(fl.literal());
        }
        if (field.equals("channel") && kind.channel() != null) {
            return kind.channel().contains(fl.literal());
        }
        return fields.contains(field);
    }

    /** Every rule of the set, each once. */
    public synchronized List<SigmaRule> rules() {
        Set<SigmaRule> all = new java.util.LinkedHashSet<>();
        byEventId.values().forEach(l -> l.forEach(e -> all.add(e.rule())));
        byChannel.values().forEach(l -> l.forEach(e -> all.add(e.rule())));
        anyWindows.forEach(e -> all.add(e.rule()));
        nonWindows.forEach(e -> all.add(e.rule()));
        return List.copyOf(all);
    }

    private Kind kind(EventKind k) {
        String key = k.key();
        Kind kind = kinds.get(key);
        return kind != null ? kind : kinds.computeIfAbsent(key, x -> kindOf(k.eventId(), k.channel()));
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
}
