package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.match.FieldMatcher;
import io.vigil.detection.engine.match.KeywordMatcher;
import io.vigil.detection.engine.match.Matcher;
import io.vigil.detection.engine.match.Regex;
import io.vigil.detection.engine.match.ValueTest;
import io.vigil.detection.engine.match.ValueTests;
import io.vigil.platform.net.IpLiterals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compiles one detection item ({@code Field|mod1|mod2: value or list}) into a {@link Matcher}, with every
 * modifier of Sigma specification v2.
 */
final class DetectionItems {

    private static final Set<String> KNOWN = Set.of("contains", "startswith", "endswith", "all", "base64",
            "base64offset", "utf16le", "wide", "utf16be", "utf16", "windash", "re", "i", "m", "s", "cidr", "exists",
            "expand", "fieldref", "gt", "gte", "lt", "lte", "cased", "neq");
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private DetectionItems() {
    }

    /** {@code field} null: keywords (full-text search). */
    static Matcher compile(String location, String field, List<String> modifiers, List<Object> values,
            Placeholders placeholders) {
        for (String m : modifiers) {
            if (!KNOWN.contains(m)) {
                throw new SigmaException(location, "unknown modifier '" + m + "'");
            }
        }
        boolean all = modifiers.contains("all");
        boolean neq = modifiers.contains("neq");
        Matcher m;
        if (modifiers.contains("exists")) {
            m = exists(location, field, values);
        } else if (modifiers.contains("fieldref")) {
            m = fieldref(location, field, modifiers, values, all);
        } else if (values.isEmpty() || (values.size() == 1 && values.get(0) == null)) {
            if (field == null) {
                throw new SigmaException(location, "a keyword cannot be null");
            }
            m = isNull(field);
        } else {
            List<Matcher> perValue = new ArrayList<>(values.size());
            for (Object v : values) {
                if (v == null) {
                    perValue.add(isNull(requireField(location, field)));
                    continue;
                }
                // Keywords are full-text search: a keyword matches inside any value.
                List<String> mods = field == null ? withContains(modifiers) : modifiers;
                ValueTest t = valueTest(location, mods, v, placeholders);
                perValue.add(field == null ? new KeywordMatcher(t) : new FieldMatcher(field, t));
            }
            m = all ? Matcher.and(perValue) : Matcher.or(perValue);
        }
        return neq ? Matcher.not(m) : m;
    }

    private static List<String> withContains(List<String> modifiers) {
        if (modifiers.contains("contains") || modifiers.contains("startswith") || modifiers.contains("endswith")
                || modifiers.contains("re")) {
            return modifiers;
        }
        List<String> m = new ArrayList<>(modifiers);
        m.add("contains");
        return m;
    }

    private static ValueTest valueTest(String location, List<String> mods, Object value, Placeholders placeholders) {
        if (value instanceof java.util.Map || value instanceof List) {
            throw new SigmaException(location, "a value must be a string, number or boolean");
        }
        if (mods.contains("re")) {
            return regex(location, mods, value);
        }
        if (mods.contains("cidr")) {
            return cidr(location, String.valueOf(value));
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            if (mods.contains(op)) {
                return compare(location, op, value);
            }
        }
        boolean cased = mods.contains("cased");
        List<SigmaString> alternatives = new ArrayList<>();
        if (mods.contains("expand")) {
            String raw = String.valueOf(value);
            if (raw.startsWith("%") && raw.endsWith("%") && raw.length() > 2) {
                placeholders.values(raw.substring(1, raw.length() - 1)).forEach(x -> alternatives.add(SigmaString.parse(x)));
                if (alternatives.isEmpty()) {
                    return (v, l) -> false;
                }
            } else {
                alternatives.add(SigmaString.parse(raw));
            }
        } else {
            alternatives.add(value instanceof String s ? SigmaString.parse(s) : SigmaString.literal(String.valueOf(value)));
        }
        List<SigmaString> encoded = encode(location, mods, alternatives);
        List<ValueTest> tests = new ArrayList<>(encoded.size());
        for (SigmaString s : encoded) {
            if (mods.contains("contains")) {
                s = s.withLeadingWildcard().withTrailingWildcard();
            } else if (mods.contains("startswith")) {
                s = s.withTrailingWildcard();
            } else if (mods.contains("endswith")) {
                s = s.withLeadingWildcard();
            }
            tests.add(s.compile(cased));
        }
        return ValueTest.any(tests);
    }

    /** Applies the value transformations in the order they are written: windash, wide/utf16, base64(offset). */
    private static List<SigmaString> encode(String location, List<String> mods, List<SigmaString> values) {
        List<SigmaString> out = values;
        boolean binary = false;
        for (String m : mods) {
            switch (m) {
                case "windash" -> out = windash(out);
                case "wide", "utf16le", "utf16be", "utf16" -> {
                    out = utf16(location, m, out);
                    binary = true;
                }
                case "base64", "base64offset" -> {
                    List<SigmaString> next = new ArrayList<>();
                    for (SigmaString s : out) {
                        if (s.hasWildcards()) {
                            throw new SigmaException(location, m + " cannot encode wildcards");
                        }
                        byte[] bytes = s.plain().getBytes(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                        if (m.equals("base64")) {
                            next.add(SigmaString.literal(Base64.getEncoder().encodeToString(bytes)));
                        } else {
                            base64Offsets(bytes).forEach(x -> next.add(SigmaString.literal(x)));
                        }
                    }
                    out = next;
                    binary = false;
                }
                default -> {
                    // not a transformation
                }
            }
        }
        return out;
    }

    /** The three encodings of {@code value} at byte offsets 0, 1 and 2, cut to the stable characters. */
    static List<String> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] padded = new byte[value.length + i];
            for (int k = 0; k < i; k++) {
                padded[k] = ' ';
            }
            System.arraycopy(value, 0, padded, i, value.length);
            String enc = Base64.getEncoder().encodeToString(padded);
            int cut = endCut[(value.length + i) % 3];
            out.add(enc.substring(start[i], enc.length() - cut));
        }
        return out;
    }

    private static List<SigmaString> utf16(String location, String mod, List<SigmaString> values) {
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : values) {
            List<SigmaString.Part> parts = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            if (mod.equals("utf16")) {
                sb.append("\u00ff\u00fe"); // byte order mark, little endian
            }
            for (SigmaString.Part p : s.parts()) {
                if (p instanceof SigmaString.Literal l) {
                    for (char c : l.text().toCharArray()) {
                        if (c > 127) {
                            throw new SigmaException(location, mod + " only takes ASCII text");
                        }
                        if (mod.equals("utf16be")) {
                            sb.append('\0').append(c);
                        } else {
                            sb.append(c).append('\0');
                        }
                    }
                } else {
                    if (sb.length() > 0) {
                        parts.add(new SigmaString.Literal(sb.toString()));
                        sb.setLength(0);
                    }
                    parts.add(p);
                }
            }
            StringBuilder raw = new StringBuilder();
            for (SigmaString.Part p : parts) {
                raw.append(p instanceof SigmaString.Literal l ? escape(l.text()) : (p == SigmaString.Wildcard.MULTI ? "*" : "?"));
            }
            raw.append(escape(sb.toString()));
            out.add(SigmaString.parse(raw.toString()));
        }
        return out;
    }

    /** Every variant of the value with each dash that starts a word written as -, /, en, em or bar dash. */
    private static List<SigmaString> windash(List<SigmaString> values) {
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : values) {
            String raw = rawOf(s);
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < raw.length(); i++) {
                if (raw.charAt(i) == '-' && (i == 0 || raw.charAt(i - 1) == ' ')) {
                    positions.add(i);
                }
            }
            int variants = (int) Math.pow(DASHES.length, positions.size());
            for (int v = 0; v < variants; v++) {
                char[] chars = raw.toCharArray();
                int x = v;
                for (int p : positions) {
                    chars[p] = DASHES[x % DASHES.length];
                    x /= DASHES.length;
                }
                out.add(SigmaString.parse(new String(chars)));
            }
        }
        return out;
    }

    private static String rawOf(SigmaString s) {
        StringBuilder raw = new StringBuilder();
        for (SigmaString.Part p : s.parts()) {
            raw.append(p instanceof SigmaString.Literal l ? escape(l.text()) : (p == SigmaString.Wildcard.MULTI ? "*" : "?"));
        }
        return raw.toString();
    }

    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static ValueTest regex(String location, List<String> mods, Object value) {
        for (String m : List.of("base64", "base64offset", "wide", "utf16le", "utf16be", "utf16", "windash")) {
            if (mods.contains(m)) {
                throw new SigmaException(location, "re only applies to unmodified values, not with " + m);
            }
        }
        String re = String.valueOf(value);
        if (mods.contains("startswith") && !re.startsWith("^")) {
            re = "^(?:" + re + ")";
        }
        if (mods.contains("endswith") && !re.endsWith("$")) {
            re = "(?:" + re + ")$";
        }
        try {
            return Regex.compile(re, mods.contains("i"), mods.contains("m"), mods.contains("s"));
        } catch (IllegalArgumentException e) {
            throw new SigmaException(location, "invalid regular expression: " + e.getMessage());
        }
    }

    private static ValueTest cidr(String location, String value) {
        int slash = value.indexOf('/');
        try {
            byte[] net = IpLiterals.parse(slash < 0 ? value : value.substring(0, slash));
            if (net == null) {
                throw new SigmaException(location, "invalid CIDR " + value + ": not an IP address literal");
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (bits < 0 || bits > net.length * 8) {
                throw new SigmaException(location, "invalid prefix length in " + value);
            }
            if (hostBitsSet(net, bits)) {
                throw new SigmaException(location, "invalid CIDR " + value + ": host bits are set");
            }
            return (v, l) -> inNetwork(v, net, bits);
        } catch (NumberFormatException e) {
            throw new SigmaException(location, "invalid CIDR " + value);
        }
    }

    private static boolean hostBitsSet(byte[] net, int bits) {
        for (int i = 0; i < net.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            int hostMask = keep == 8 ? 0 : (0xff >> keep);
            if ((net[i] & hostMask) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean inNetwork(String value, byte[] net, int bits) {
        byte[] addr = IpLiterals.parse(value); // literals only: an event's host name is never resolved
        if (addr == null) {
            return false;
        }
        if (addr.length != net.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != net[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (addr[full] & mask) == (net[full] & mask);
    }

    private static ValueTest compare(String location, String op, Object value) {
        double bound;
        try {
            bound = Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new SigmaException(location, op + " needs a number, got " + value);
        }
        return (v, l) -> {
            double x;
            try {
                x = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return switch (op) {
                case "gt" -> x > bound;
                case "gte" -> x >= bound;
                case "lt" -> x < bound;
                default -> x <= bound;
            };
        };
    }

    private static Matcher exists(String location, String field, List<Object> values) {
        requireField(location, field);
        if (values.size() != 1 || !(values.get(0) instanceof Boolean want)) {
            throw new SigmaException(location, "exists takes true or false");
        }
        return want ? e -> e.has(field) : e -> !e.has(field);
    }

    private static Matcher isNull(String field) {
        return e -> e.get(field) == null;
    }

    private static Matcher fieldref(String location, String field, List<String> mods, List<Object> values, boolean all) {
        requireField(location, field);
        boolean cased = mods.contains("cased");
        List<Matcher> per = new ArrayList<>();
        for (Object o : values) {
            String other = String.valueOf(o);
            per.add(e -> compareFields(e, field, other, mods, cased));
        }
        return all ? Matcher.and(per) : Matcher.or(per);
    }

    private static boolean compareFields(Event e, String field, String other, List<String> mods, boolean cased) {
        Collection<String> refs = cased ? e.texts(other) : e.lowerTexts(other);
        Collection<String> vals = cased ? e.texts(field) : e.lowerTexts(field);
        for (String ref : refs) {
            for (String v : vals) {
                boolean hit = mods.contains("contains") ? v.contains(ref)
                        : mods.contains("startswith") ? v.startsWith(ref)
                        : mods.contains("endswith") ? v.endsWith(ref) : v.equals(ref);
                if (hit) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String requireField(String location, String field) {
        if (field == null) {
            throw new SigmaException(location, "this modifier needs a field");
        }
        return field;
    }
}
