package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.match.Glob;
import io.vigil.detection.engine.match.ValueTest;
import io.vigil.detection.engine.match.ValueTests;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Sigma string value split into literal text and wildcards, following the specification: {@code *} any
 * sequence, {@code ?} one character, a backslash escapes {@code *}, {@code ?} and itself; before any other
 * character, or at the end, a backslash is literal.
 */
public final class SigmaString {

    /** One part: literal text, or a wildcard. */
    public sealed interface Part permits Literal, Wildcard {
    }

    public record Literal(String text) implements Part {
    }

    public enum Wildcard implements Part {
        MULTI, SINGLE
    }

    private final List<Part> parts;

    private SigmaString(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** Parses a value as written in a rule. */
    public static SigmaString parse(String raw) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    lit.append(n);
                    i++;
                    continue;
                }
                lit.append(c);
            } else if (c == '*' || c == '?') {
                flush(lit, parts);
                parts.add(c == '*' ? Wildcard.MULTI : Wildcard.SINGLE);
            } else {
                lit.append(c);
            }
        }
        flush(lit, parts);
        return new SigmaString(parts);
    }

    /** A value with no wildcards (the output of encodings such as base64). */
    public static SigmaString literal(String text) {
        return new SigmaString(text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    public boolean hasWildcards() {
        return parts.stream().anyMatch(p -> p instanceof Wildcard);
    }

    /** The value as plain text; only meaningful when it has no wildcards. */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p instanceof Literal l ? l.text() : (p == Wildcard.MULTI ? "*" : "?"));
        }
        return sb.toString();
    }

    public SigmaString withLeadingWildcard() {
        if (!parts.isEmpty() && parts.get(0) == Wildcard.MULTI) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts.size() + 1);
        p.add(Wildcard.MULTI);
        p.addAll(parts);
        return new SigmaString(p);
    }

    public SigmaString withTrailingWildcard() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) == Wildcard.MULTI) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(Wildcard.MULTI);
        return new SigmaString(p);
    }

    /** The Java regular expression equivalent to the whole value (for {@link Pattern#matches}). */
    public String toRegex() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(Pattern.quote(l.text()));
            } else {
                sb.append(p == Wildcard.MULTI ? ".*" : ".");
            }
        }
        return sb.toString();
    }

    /** The cheapest exact test: equality, prefix, suffix or substring when possible, a pattern otherwise. */
    public ValueTest compile(boolean cased) {
        int n = parts.size();
        if (n == 0) {
            return ValueTests.equalsTo("", cased);
        }
        if (n == 1 && parts.get(0) == Wildcard.MULTI) {
            return ValueTests.anyValue();
        }
        if (!hasWildcards()) {
            return ValueTests.equalsTo(plain(), cased);
        }
        boolean lead = parts.get(0) == Wildcard.MULTI;
        boolean trail = parts.get(n - 1) == Wildcard.MULTI;
        List<Part> inner = parts.subList(lead ? 1 : 0, trail ? n - 1 : n);
        if (inner.size() == 1 && inner.get(0) instanceof Literal l) {
            if (lead && trail) {
                return ValueTests.contains(l.text(), cased);
            }
            return lead ? ValueTests.endsWith(l.text(), cased) : ValueTests.startsWith(l.text(), cased);
        }
        Glob.Builder glob = Glob.builder(cased);
        for (Part p : parts) {
            if (p instanceof Literal l) {
                glob.literal(l.text());
            } else if (p == Wildcard.MULTI) {
                glob.anyRun();
            } else {
                glob.oneChar();
            }
        }
        return glob.build();
    }

    private static void flush(StringBuilder lit, List<Part> parts) {
        if (lit.length() > 0) {
            parts.add(new Literal(lit.toString()));
            lit.setLength(0);
        }
    }
}
