package io.vigil.detection.engine.correlation;

import io.vigil.detection.engine.rule.SigmaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Sigma correlation rule (specification v2): {@code event_count}, {@code value_count}, {@code temporal}
 * or {@code temporal_ordered} over other rules (by id or name), per {@code group-by} values, within a
 * {@code timespan}, with a count {@code condition}. {@code aliases} map one group-by name to a field per rule;
 * {@code generate} (default false) says whether the referenced rules also alert on their own.
 */
public record CorrelationRule(String id, String name, String title, String author, String level, Type type,
        List<String> rules, List<String> groupBy, Duration timespan, Map<String, Long> condition, String valueField,
        Map<String, Map<String, String>> aliases, boolean generate) {

    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED
    }

    /** Whether a count satisfies the condition (every criterion of the map, ANDed). */
    public boolean satisfied(long count) {
        for (Map.Entry<String, Long> c : condition.entrySet()) {
            long v = c.getValue();
            boolean ok = switch (c.getKey()) {
                case "gt" -> count > v;
                case "gte" -> count >= v;
                case "lt" -> count < v;
                case "lte" -> count <= v;
                case "eq" -> count == v;
                default -> count != v; // neq
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The field that holds group-by name {@code g} in events of rule {@code ruleRef} (alias or itself). */
    public String fieldFor(String g, String ruleRef) {
        Map<String, String> perRule = aliases.get(g);
        if (perRule == null) {
            return g;
        }
        return perRule.getOrDefault(ruleRef, g);
    }

    @SuppressWarnings("unchecked")
    public static CorrelationRule parse(String yamlText) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (RuntimeException e) {
            throw new SigmaException("yaml", e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> doc) || !(doc.get("correlation") instanceof Map<?, ?> c)) {
            throw new SigmaException("correlation", "not a correlation rule");
        }
        String typeText = str(c.get("type"));
        Type type;
        try {
            type = Type.valueOf(typeText == null ? "" : typeText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SigmaException("correlation.type", "must be event_count, value_count, temporal or temporal_ordered");
        }
        List<String> rules = strings(c.get("rules"));
        if (rules.isEmpty()) {
            throw new SigmaException("correlation.rules", "a correlation refers to at least one rule");
        }
        List<String> groupBy = strings(c.get("group-by"));
        Duration timespan = timespan(str(c.get("timespan")));
        Map<String, Long> condition = new LinkedHashMap<>();
        String field = null;
        if (c.get("condition") instanceof Map<?, ?> cond) {
            for (Map.Entry<?, ?> e : cond.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("field")) {
                    field = str(e.getValue());
                } else if (List.of("gt", "gte", "lt", "lte", "eq", "neq").contains(k) && e.getValue() instanceof Number n) {
                    condition.put(k, n.longValue());
                } else {
                    throw new SigmaException("correlation.condition." + k, "unknown criterion or not a number");
                }
            }
        }
        if (condition.isEmpty()) {
            if (type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED) {
                condition.put("gte", (long) rules.size()); // all referenced rules
            } else {
                throw new SigmaException("correlation.condition", "a count condition (gte, gt, ...) is required");
            }
        }
        if (type == Type.VALUE_COUNT && field == null) {
            throw new SigmaException("correlation.condition.field", "value_count needs the field whose values it counts");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (c.get("aliases") instanceof Map<?, ?> a) {
            a.forEach((name, perRule) -> {
                Map<String, String> m = new LinkedHashMap<>();
                if (perRule instanceof Map<?, ?> pr) {
                    pr.forEach((r, f) -> m.put(String.valueOf(r), String.valueOf(f)));
                }
                aliases.put(String.valueOf(name), m);
            });
        }
        String title = str(doc.get("title"));
        if (title == null) {
            throw new SigmaException("title", "a rule needs a title");
        }
        return new CorrelationRule(str(doc.get("id")), str(doc.get("name")), title, str(doc.get("author")),
                str(doc.get("level")), type, rules, groupBy, timespan, condition, field, aliases,
                Boolean.TRUE.equals(c.get("generate")));
    }

    static Duration timespan(String s) {
        if (s == null || !s.matches("\\d+[smhd]")) {
            throw new SigmaException("correlation.timespan", "must be a number and s, m, h or d, e.g. 90m");
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
