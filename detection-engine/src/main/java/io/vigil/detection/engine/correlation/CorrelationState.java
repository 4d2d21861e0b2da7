package io.vigil.detection.engine.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one group of one correlation remembers between matches: the match times (event_count), the distinct
 * values with their last time (value_count), the last time of each rule (temporal) and the progress of the
 * ordered chain (temporal_ordered). It round-trips through JSON so a store can keep it across restarts.
 */
public final class CorrelationState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Instant> times = new ArrayList<>();
    private final Map<String, Instant> values = new HashMap<>();
    private final Map<String, Instant> ruleSeen = new HashMap<>();
    private Instant[] chain;

    /** Places one match in the window; returns the hit when the correlation's condition is met. */
    CorrelationEngine.Hit add(CorrelationRule c, String tenant, Map<String, String> group, String ref, Object value,
            Instant at) {
        Instant from = at.minus(c.timespan());
        return switch (c.type()) {
            case EVENT_COUNT -> {
                times.add(at);
                times.removeIf(t -> t.isBefore(from));
                yield fireIf(c, tenant, group, times.size(), earliest(times), at);
            }
            case VALUE_COUNT -> {
                if (value == null) {
                    yield null;
                }
                values.put(value.toString(), at);
                values.values().removeIf(t -> t.isBefore(from));
                yield fireIf(c, tenant, group, values.size(), earliest(values.values()), at);
            }
            case TEMPORAL -> {
                ruleSeen.put(ref, at);
                ruleSeen.values().removeIf(t -> t.isBefore(from));
                yield fireIf(c, tenant, group, ruleSeen.size(), earliest(ruleSeen.values()), at);
            }
            case TEMPORAL_ORDERED -> ordered(c, tenant, group, ref, at);
        };
    }

    private CorrelationEngine.Hit ordered(CorrelationRule c, String tenant, Map<String, String> group, String ref,
            Instant at) {
        int n = c.rules().size();
        if (chain == null || chain.length != n) {
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
        return fireIf(c, tenant, group, done, chain[0], at);
    }

    private CorrelationEngine.Hit fireIf(CorrelationRule c, String tenant, Map<String, String> group, long count,
            Instant first, Instant last) {
        if (!c.satisfied(count)) {
            return null;
        }
        // The window starts again once the correlation fired.
        times.clear();
        values.clear();
        ruleSeen.clear();
        chain = null;
        return new CorrelationEngine.Hit(c, tenant, group, count, first, last);
    }

    private static Instant earliest(Iterable<Instant> times) {
        Instant min = null;
        for (Instant t : times) {
            if (min == null || t.isBefore(min)) {
                min = t;
            }
        }
        return min;
    }

    /** The latest time this state holds, or null when it is empty (a store may then forget it). */
    public Instant latest() {
        Instant max = null;
        List<Instant> all = new ArrayList<>(times);
        all.addAll(values.values());
        all.addAll(ruleSeen.values());
        if (chain != null) {
            for (Instant t : chain) {
                if (t != null) {
                    all.add(t);
                }
            }
        }
        for (Instant t : all) {
            if (max == null || t.isAfter(max)) {
                max = t;
            }
        }
        return max;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode t = root.putArray("times");
        times.forEach(i -> t.add(i.toEpochMilli()));
        ObjectNode v = root.putObject("values");
        values.forEach((k, i) -> v.put(k, i.toEpochMilli()));
        ObjectNode r = root.putObject("rules");
        ruleSeen.forEach((k, i) -> r.put(k, i.toEpochMilli()));
        if (chain != null) {
            ArrayNode c = root.putArray("chain");
            for (Instant i : chain) {
                if (i == null) {
                    c.addNull();
                } else {
                    c.add(i.toEpochMilli());
                }
            }
        }
        return root.toString();
    }

    public static CorrelationState fromJson(String json) {
        CorrelationState s = new CorrelationState();
        if (json == null || json.isBlank()) {
            return s;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable correlation state", e);
        }
        root.path("times").forEach(n -> s.times.add(Instant.ofEpochMilli(n.asLong())));
        root.path("values").fields().forEachRemaining(e -> s.values.put(e.getKey(), Instant.ofEpochMilli(e.getValue().asLong())));
        root.path("rules").fields().forEachRemaining(e -> s.ruleSeen.put(e.getKey(), Instant.ofEpochMilli(e.getValue().asLong())));
        JsonNode c = root.get("chain");
        if (c != null && c.isArray()) {
            s.chain = new Instant[c.size()];
            for (int i = 0; i < c.size(); i++) {
                s.chain[i] = c.get(i).isNull() ? null : Instant.ofEpochMilli(c.get(i).asLong());
            }
        }
        return s;
    }
}
