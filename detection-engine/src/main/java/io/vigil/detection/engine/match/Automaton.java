package io.vigil.detection.engine.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick over many texts at once: one pass over a value reports every text occurring in it.
 * Transitions live in one open-addressing table keyed by (state, char), so the automaton stays compact for
 * tens of thousands of rule texts.
 */
public final class Automaton {

    private final long[] keys;
    private final int[] targets;
    private final int mask;
    private final int[] fail;
    private final int[][] outputs;
    /** Transitions from the start state for ASCII: where almost all scanning happens. */
    private final int[] fromRoot = new int[128];

    /** Builds the automaton; the id of each text is its index in {@code texts}. */
    public Automaton(List<String> texts) {
        Map<Long, Integer> trie = new HashMap<>();
        List<List<Integer>> own = new ArrayList<>();
        own.add(new ArrayList<>());
        for (int id = 0; id < texts.size(); id++) {
            int state = 0;
            for (char c : texts.get(id).toCharArray()) {
                long k = key(state, c);
                Integer next = trie.get(k);
                if (next == null) {
                    next = own.size();
                    own.add(new ArrayList<>());
                    trie.put(k, next);
                }
                state = next;
            }
            own.get(state).add(id);
        }
        int size = Integer.highestOneBit(Math.max(4, trie.size() * 2)) << 1;
        keys = new long[size];
        Arrays.fill(keys, -1L);
        targets = new int[size];
        mask = size - 1;
        Map<Integer, List<long[]>> children = new HashMap<>();
        trie.forEach((k, v) -> {
            put(k, v);
            children.computeIfAbsent((int) (k >>> 16), s -> new ArrayList<>()).add(new long[] {k & 0xffff, v});
        });
        Arrays.fill(fromRoot, 0);
        for (long[] ch : children.getOrDefault(0, List.of())) {
            if (ch[0] < fromRoot.length) {
                fromRoot[(int) ch[0]] = (int) ch[1];
            }
        }
        int states = own.size();
        fail = new int[states];
        outputs = new int[states][];
        outputs[0] = toArray(own.get(0));
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (long[] ch : children.getOrDefault(0, List.of())) {
            int s = (int) ch[1];
            fail[s] = 0;
            outputs[s] = toArray(own.get(s));
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (long[] ch : children.getOrDefault(r, List.of())) {
                char c = (char) ch[0];
                int s = (int) ch[1];
                int f = fail[r];
                while (f != 0 && get(f, c) < 0) {
                    f = fail[f];
                }
                int t = get(f, c);
                fail[s] = t >= 0 && t != s ? t : 0;
                List<Integer> out = new ArrayList<>(own.get(s));
                for (int o : outputs[fail[s]]) {
                    out.add(o);
                }
                outputs[s] = toArray(out);
                queue.add(s);
            }
        }
    }

    /** Calls {@code found} with the id of every text occurring in {@code value} (repeats possible). */
    public void scan(String value, java.util.function.IntConsumer found) {
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int next = -1;
            while (state != 0 && (next = get(state, c)) < 0) {
                state = fail[state];
            }
            if (state != 0) {
                state = next;
            } else if (c < fromRoot.length) {
                state = fromRoot[c];
            } else {
                state = Math.max(0, get(0, c));
            }
            for (int id : outputs[state]) {
                found.accept(id);
            }
        }
    }

    private static long key(int state, char c) {
        return ((long) state << 16) | c;
    }

    private void put(long k, int v) {
        int i = Long.hashCode(k * 0x9E3779B97F4A7C15L) & mask;
        while (keys[i] != -1L) {
            i = (i + 1) & mask;
        }
        keys[i] = k;
        targets[i] = v;
    }

    private int get(int state, char c) {
        long k = key(state, c);
        int i = Long.hashCode(k * 0x9E3779B97F4A7C15L) & mask;
        while (true) {
            long at = keys[i];
            if (at == k) {
                return targets[i];
            }
            if (at == -1L) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
