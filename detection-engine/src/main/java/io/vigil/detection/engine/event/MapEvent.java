package io.vigil.detection.engine.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An event over a flat map of fields. Field names match exactly, or else ignoring case. */
public final class MapEvent implements Event {

    private final Map<String, Object> fields;
    private Map<String, String> lowerNames;
    private final Map<String, Collection<String>> textCache = new HashMap<>();
    private final Map<String, Collection<String>> lowerCache = new HashMap<>();
    private Collection<String> all;

    public MapEvent(Map<String, Object> fields) {
        this.fields = fields;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public Object get(String field) {
        Object v = fields.get(field);
        if (v == null && !fields.containsKey(field)) {
            String actual = caseInsensitiveName(field);
            return actual == null ? null : fields.get(actual);
        }
        return v;
    }

    @Override
    public boolean has(String field) {
        return fields.containsKey(field) || caseInsensitiveName(field) != null;
    }

    @Override
    public Collection<String> texts(String field) {
        return textCache.computeIfAbsent(field, f -> toTexts(get(f)));
    }

    @Override
    public Collection<String> lowerTexts(String field) {
        return lowerCache.computeIfAbsent(field, f -> {
            Collection<String> t = texts(f);
            List<String> out = new ArrayList<>(t.size());
            t.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
            return out;
        });
    }

    @Override
    public Collection<String> allLowerTexts() {
        if (all == null) {
            List<String> out = new ArrayList<>(fields.size());
            for (Object v : fields.values()) {
                toTexts(v).forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
            }
            all = out;
        }
        return all;
    }

    private String caseInsensitiveName(String field) {
        if (lowerNames == null) {
            lowerNames = new HashMap<>(fields.size() * 2);
            for (String k : fields.keySet()) {
                lowerNames.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
            }
        }
        return lowerNames.get(field.toLowerCase(Locale.ROOT));
    }

    static Collection<String> toTexts(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) {
                if (o != null) {
                    out.add(text(o));
                }
            }
            return out;
        }
        return List.of(text(v));
    }

    private static String text(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return o.toString();
    }
}
