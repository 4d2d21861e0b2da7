package io.vigil.detection.engine.match;

import io.vigil.detection.engine.event.MapEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds, in one pass per field value, which rules an event can still match: every rule text required by a
 * rule's {@link Requirement} goes into one automaton per field; an event marks the rules whose texts occur.
 * Rules without a requirement are always candidates.
 */
public final class Prefilter {

    private record FieldTexts(Automaton automaton, int[][] rulesOfText) {
    }

    private final Map<String, FieldTexts> byField = new HashMap<>();
    private final boolean[] constrained;

    /** {@code requirements.get(i)} is rule i's requirement, or null. */
    public Prefilter(List<Requirement> requirements) {
        constrained = new boolean[requirements.size()];
        Map<String, Map<String, List<Integer>>> texts = new HashMap<>();
        for (int rule = 0; rule < requirements.size(); rule++) {
            Requirement r = requirements.get(rule);
            // Keyword rules would need every value of every event scanned; they are few and sit behind
            // narrow logsources, so they are simply always evaluated.
            if (r == null || r.anyOf().stream().anyMatch(f -> f.field().equals(Requirement.ANY_FIELD))) {
                continue;
            }
            constrained[rule] = true;
            for (Requirement.FieldLiteral fl : r.anyOf()) {
                texts.computeIfAbsent(fl.field().toLowerCase(Locale.ROOT), f -> new LinkedHashMap<>())
                        .computeIfAbsent(fl.literal(), l -> new ArrayList<>()).add(rule);
            }
        }
        for (Map.Entry<String, Map<String, List<Integer>>> e : texts.entrySet()) {
            List<String> literals = new ArrayList<>(e.getValue().keySet());
            int[][] rules = new int[literals.size()][];
            for (int i = 0; i < literals.size(); i++) {
                rules[i] = e.getValue().get(literals.get(i)).stream().mapToInt(Integer::intValue).toArray();
            }
            byField.put(e.getKey(), new FieldTexts(new Automaton(literals), rules));
        }
    }

    /**
     * Marks ({@code marks[rule] = generation}) every constrained rule whose texts the event holds and appends
     * it to {@code found}, once.
     */
    public void mark(MapEvent event, int[] marks, int generation, Found found) {
        mark(event, event.fields().keySet(), marks, generation, found);
    }

    /** The same, looking only at the given fields of the event. */
    public void mark(MapEvent event, Iterable<String> fields, int[] marks, int generation, Found found) {
        for (String field : fields) {
            FieldTexts ft = byField.get(field.toLowerCase(Locale.ROOT));
            if (ft != null) {
                for (String v : event.lowerTexts(field)) {
                    ft.automaton().scan(v, id -> {
                        for (int r : ft.rulesOfText()[id]) {
                            if (marks[r] != generation) {
                                marks[r] = generation;
                                found.add(r);
                            }
                        }
                    });
                }
            }
        }
    }

    /** The rules that are evaluated for every event (no requirement could be stated for them). */
    public int[] unconstrained() {
        int n = 0;
        for (boolean c : constrained) {
            n += c ? 0 : 1;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < constrained.length; i++) {
            if (!constrained[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** A growable list of rule indices. */
    public static final class Found {
        private int[] items = new int[64];
        private int size;

        public void clear() {
            size = 0;
        }

        void add(int r) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = r;
        }

        public int size() {
            return size;
        }

        public int get(int i) {
            return items[i];
        }
    }

}
