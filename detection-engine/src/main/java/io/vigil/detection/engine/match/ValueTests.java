package io.vigil.detection.engine.match;

import java.util.List;
import java.util.Locale;

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
}
