package io.vigil.detection.engine.match;

import java.util.Locale;
import java.util.regex.Pattern;

/** The value tests a Sigma string compiles to; the cheapest one that is exact for the pattern. */
public final class ValueTests {

    private ValueTests() {
    }

    public static ValueTest equalsTo(String needle, boolean cased) {
        if (cased) {
            return (v, l) -> v.equals(needle);
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return (v, l) -> l.equals(n);
    }

    public static ValueTest contains(String needle, boolean cased) {
        if (cased) {
            return (v, l) -> v.contains(needle);
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return (v, l) -> l.contains(n);
    }

    public static ValueTest startsWith(String needle, boolean cased) {
        if (cased) {
            return (v, l) -> v.startsWith(needle);
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return (v, l) -> l.startsWith(n);
    }

    public static ValueTest endsWith(String needle, boolean cased) {
        if (cased) {
            return (v, l) -> v.endsWith(needle);
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return (v, l) -> l.endsWith(n);
    }

    /** A whole-value match of a compiled pattern (wildcards), on the original text. */
    public static ValueTest pattern(Pattern p) {
        return (v, l) -> p.matcher(v).matches();
    }

    /** A regular-expression search (Sigma's {@code re}): true when the expression occurs in the value. */
    public static ValueTest regex(Pattern p) {
        return (v, l) -> p.matcher(v).find();
    }

    public static ValueTest anyValue() {
        return (v, l) -> true;
    }
}
