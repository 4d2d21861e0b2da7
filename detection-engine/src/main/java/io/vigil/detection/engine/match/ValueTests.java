package io.vigil.detection.engine.match;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value tests a Sigma string compiles to; the cheapest one that is exact for the pattern. */
public final class ValueTests {

    private ValueTests() {
    }

    public static ValueTest equalsTo(String needle, boolean cased) {
        return new Literal(Kind.EQUALS, cased ? needle : needle.toLowerCase(Locale.ROOT), cased);
    }

    public static ValueTest contains(String needle, boolean cased) {
        return new Literal(Kind.CONTAINS, cased ? needle : needle.toLowerCase(Locale.ROOT), cased);
    }

    public static ValueTest startsWith(String needle, boolean cased) {
        return new Literal(Kind.STARTS, cased ? needle : needle.toLowerCase(Locale.ROOT), cased);
    }

    public static ValueTest endsWith(String needle, boolean cased) {
        return new Literal(Kind.ENDS, cased ? needle : needle.toLowerCase(Locale.ROOT), cased);
    }

    /** A whole-value match of a compiled wildcard pattern; {@code longestLiteral} must occur in a match. */
    public static ValueTest pattern(Pattern p, String longestLiteral) {
        return new Glob(p, longestLiteral == null || longestLiteral.isEmpty() ? null
                : longestLiteral.toLowerCase(Locale.ROOT));
    }

    /** A regular-expression search (Sigma's {@code re}): true when the expression occurs in the value. */
    public static ValueTest regex(Pattern p) {
        return (v, l) -> p.matcher(v).find();
    }

    public static ValueTest anyValue() {
        return (v, l) -> true;
    }

    enum Kind {
        EQUALS, CONTAINS, STARTS, ENDS
    }

    /** Equality, substring, prefix or suffix; {@code needle} is lower-cased unless cased. */
    record Literal(Kind kind, String needle, boolean cased) implements ValueTest {
        @Override
        public boolean test(String value, String lower) {
            String v = cased ? value : lower;
            return switch (kind) {
                case EQUALS -> v.equals(needle);
                case CONTAINS -> v.contains(needle);
                case STARTS -> v.startsWith(needle);
                case ENDS -> v.endsWith(needle);
            };
        }

        @Override
        public List<String> requiredLiterals() {
            return needle.isEmpty() ? null : List.of(needle.toLowerCase(Locale.ROOT));
        }
    }

    record Glob(Pattern pattern, String literal) implements ValueTest {
        @Override
        public boolean test(String value, String lower) {
            return pattern.matcher(value).matches();
        }

        @Override
        public List<String> requiredLiterals() {
            return literal == null ? null : List.of(literal);
        }
    }
}
