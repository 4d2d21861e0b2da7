package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.match.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a Sigma rule (YAML text) and compiles its detection. Errors say where in the rule they are. */
public final class SigmaParser {

    private SigmaParser() {
    }

    public static SigmaRule parse(String yamlText) {
        return parse(yamlText, Placeholders.NONE);
    }

    public static SigmaRule parse(String yamlText, Placeholders placeholders) {
        Map<String, Object> doc = load(yamlText);
        if (doc.containsKey("correlation")) {
            throw new SigmaException("correlation", "correlation rules are handled by the correlation engine");
        }
        String title = string(doc, "title");
        if (title == null || title.isBlank()) {
            throw new SigmaException("title", "a rule needs a title");
        }
        Logsource logsource = logsource(doc.get("logsource"));
        Object detectionNode = doc.get("detection");
        if (!(detectionNode instanceof Map<?, ?> detection)) {
            throw new SigmaException("detection", "a rule needs a detection section");
        }
        Matcher matcher = detection(detection, placeholders);
        return new SigmaRule(string(doc, "id"), string(doc, "name"), title, string(doc, "author"), lowerOrNull(string(doc, "level")),
                string(doc, "status"), string(doc, "description"), strings(doc.get("tags")),
                strings(doc.get("falsepositives")), logsource, matcher);
    }

    public static SigmaFilter parseFilter(String yamlText) {
        return parseFilter(yamlText, Placeholders.NONE);
    }

    /** Reads a Sigma filter: {@code filter} holds {@code rules}, named selections and a {@code condition}. */
    public static SigmaFilter parseFilter(String yamlText, Placeholders placeholders) {
        Map<String, Object> doc = load(yamlText);
        String title = string(doc, "title");
        if (title == null || title.isBlank()) {
            throw new SigmaException("title", "a filter needs a title");
        }
        Logsource logsource = logsource(doc.get("logsource"));
        if (!(doc.get("filter") instanceof Map<?, ?> filter)) {
            throw new SigmaException("filter", "a filter needs a filter section");
        }
        List<String> rules = strings(filter.get("rules"));
        if (rules.isEmpty()) {
            throw new SigmaException("filter.rules", "a filter names the rules it tunes (ids or names)");
        }
        Map<Object, Object> detection = new LinkedHashMap<>(filter);
        detection.remove("rules");
        if (detection.size() < 2) {
            throw new SigmaException("filter", "a filter needs a selection and a condition");
        }
        Matcher condition;
        try {
            condition = detection(detection, placeholders);
        } catch (SigmaException e) {
            // A filter's selection sits under "filter", not "detection": say where it is in the filter.
            String location = e.location() == null ? "filter" : e.location().replaceFirst("^detection", "filter");
            throw new SigmaException(location, e.detail());
        }
        return new SigmaFilter(string(doc, "id"), title, logsource, rules, condition);
    }

    /** A rule's largest size; SigmaHQ's largest rule (a list of vulnerable drivers) is under 300 KiB. */
    static final int MAX_RULE_CHARS = 1 << 20;

    /** A rule's longest line; SigmaHQ's longest is under 1,000 characters. YAML scanning is slow on long lines. */
    static final int MAX_LINE_CHARS = 16 * 1024;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String text) {
        checkSize(text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> docs = new ArrayList<>();
        try {
            yaml.loadAll(text).forEach(docs::add);
        } catch (YAMLException e) {
            throw new SigmaException("yaml", firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML's own constructors fail on some scalars (a document '._' looks like a float to its
            // resolver, and Double.valueOf(".") throws): bad text all the same, found by EngineFuzzTest.
            throw new SigmaException("yaml", "the text is not a YAML document the rule reader accepts ("
                    + firstLine(String.valueOf(e.getMessage())) + ")");
        }
        docs.removeIf(d -> d == null);
        if (docs.size() != 1) {
            throw new SigmaException("yaml", docs.isEmpty() ? "the file holds no rule"
                    : "multi-document rules (Sigma v1 'action: global') are not supported");
        }
        if (!(docs.get(0) instanceof Map)) {
            throw new SigmaException("yaml", "a rule must be a YAML mapping");
        }
        return (Map<String, Object>) docs.get(0);
    }

    private static void checkSize(String text) {
        if (text.length() > MAX_RULE_CHARS) {
            throw new SigmaException("yaml", "the rule has " + text.length() + " characters; at most " + MAX_RULE_CHARS
                    + " are read");
        }
        int line = 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end - start > MAX_LINE_CHARS) {
                throw new SigmaException("yaml", "line " + line + " has " + (end - start) + " characters; at most "
                        + MAX_LINE_CHARS + " are read (write long lists one item per line)");
            }
            line++;
            start = end + 1;
        }
    }

    private static Logsource logsource(Object node) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new SigmaException("logsource", "a rule needs a logsource mapping");
        }
        return new Logsource(lowerOrNull(str(m.get("product"))), lowerOrNull(str(m.get("category"))),
                lowerOrNull(str(m.get("service"))));
    }

    private static Matcher detection(Map<?, ?> detection, Placeholders placeholders) {
        Map<String, Matcher> named = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : detection.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("condition") || name.equals("timeframe")) {
                continue;
            }
            named.put(name, search("detection." + name, e.getValue(), placeholders));
        }
        Object condition = detection.get("condition");
        if (condition == null) {
            throw new SigmaException("detection.condition", "a detection needs a condition");
        }
        List<String> conditions = condition instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(condition));
        List<Matcher> parsed = new ArrayList<>();
        for (String c : conditions) {
            parsed.add(Condition.parse(c, named, "detection.condition"));
        }
        return Matcher.or(parsed);
    }

    /** A named detection: a map (AND of items), a list of maps (OR), or keywords. */
    private static Matcher search(String location, Object node, Placeholders placeholders) {
        if (node instanceof Map<?, ?> map) {
            return mapSearch(location, map, placeholders);
        }
        if (node instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new SigmaException(location, "an empty detection");
            }
            boolean allMaps = list.stream().allMatch(x -> x instanceof Map);
            if (allMaps) {
                List<Matcher> ors = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    ors.add(mapSearch(location + "[" + i + "]", (Map<?, ?>) list.get(i), placeholders));
                }
                return Matcher.or(ors);
            }
            if (list.stream().anyMatch(x -> x instanceof Map)) {
                throw new SigmaException(location, "a list mixes field maps and keywords");
            }
            return keywords(location, list, placeholders);
        }
        if (node == null) {
            throw new SigmaException(location, "an empty detection");
        }
        return keywords(location, List.of(node), placeholders);
    }

    private static Matcher keywords(String location, List<?> values, Placeholders placeholders) {
        List<Matcher> items = new ArrayList<>();
        List<Object> plain = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof List<?> inner) {
                // A list of keyword lists: each inner list is one item, items are ANDed.
                items.add(DetectionItems.compile(location, null, List.of(), new ArrayList<>(inner), placeholders));
            } else {
                plain.add(v);
            }
        }
        if (!plain.isEmpty()) {
            items.add(DetectionItems.compile(location, null, List.of(), plain, placeholders));
        }
        return Matcher.and(items);
    }

    private static Matcher mapSearch(String location, Map<?, ?> map, Placeholders placeholders) {
        if (map.isEmpty()) {
            throw new SigmaException(location, "an empty detection");
        }
        List<Matcher> items = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = e.getKey() == null ? "" : String.valueOf(e.getKey());
            String[] parts = key.split("\\|", -1);
            String field = parts[0].isEmpty() ? null : parts[0];
            List<String> modifiers = Arrays.stream(parts).skip(1).map(String::trim).toList();
            List<Object> values = e.getValue() instanceof List<?> l ? new ArrayList<>(l) : listOf(e.getValue());
            items.add(DetectionItems.compile(location + "." + key, field, modifiers, values, placeholders));
        }
        return Matcher.and(items);
    }

    private static List<Object> listOf(Object v) {
        List<Object> l = new ArrayList<>(1);
        l.add(v);
        return l;
    }

    private static String string(Map<String, Object> doc, String key) {
        return str(doc.get(key));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String lowerOrNull(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().filter(x -> x != null).map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
