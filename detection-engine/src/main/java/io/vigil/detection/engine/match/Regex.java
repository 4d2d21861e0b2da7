package io.vigil.detection.engine.match;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sigma's {@code re} modifier: a search for a regular expression in a value, on RE2J, whose time is linear
 * in the value's length whatever the expression. The few constructs RE2 does not have (back-references,
 * look-around, possessive quantifiers) run on {@code java.util.regex} under a budget of characters read per
 * value: past it the value does not match and {@link #budgetExhausted()} counts it, so a hostile value
 * costs a bounded time and is never silent. Which engine an expression gets is decided when it compiles.
 */
public abstract sealed class Regex implements ValueTest permits Regex.Linear, Regex.Bounded {

    /** Characters a fallback expression may read per value before it gives up (a few milliseconds). */
    static final int BUDGET = 2_000_000;

    private static final LongAdder EXHAUSTED = new LongAdder();

    private final String source;

    Regex(String source) {
        this.source = source;
    }

    /**
     * Compiles {@code re}; throws {@link IllegalArgumentException} with the reason when no engine takes it.
     */
    public static Regex compile(String re, boolean caseInsensitive, boolean multiline, boolean dotAll) {
        try {
            int flags = (caseInsensitive ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
                    | (multiline ? com.google.re2j.Pattern.MULTILINE : 0)
                    | (dotAll ? com.google.re2j.Pattern.DOTALL : 0);
            return new Linear(re, com.google.re2j.Pattern.compile(re, flags));
        } catch (com.google.re2j.PatternSyntaxException notRe2) {
            int flags = (caseInsensitive ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0)
                    | (multiline ? java.util.regex.Pattern.MULTILINE : 0)
                    | (dotAll ? java.util.regex.Pattern.DOTALL : 0);
            try {
                return new Bounded(re, java.util.regex.Pattern.compile(re, flags));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(e.getDescription(), e);
            }
        }
    }

    public String source() {
        return source;
    }

    /** True when the expression runs in linear time (RE2J); false when it runs on the bounded fallback. */
    public abstract boolean linear();

    /** Values given up on because a fallback expression used its whole budget, since the JVM started. */
    public static long budgetExhausted() {
        return EXHAUSTED.sum();
    }

    @Override
    public List<String> requiredLiterals() {
        return null;
    }

    static final class Linear extends Regex {
        private final com.google.re2j.Pattern pattern;

        Linear(String source, com.google.re2j.Pattern pattern) {
            super(source);
            this.pattern = pattern;
        }

        @Override
        public boolean linear() {
            return true;
        }

        @Override
        public boolean test(String value, String lower) {
            return pattern.matcher(value).find();
        }
    }

    static final class Bounded extends Regex {
        private final java.util.regex.Pattern pattern;

        Bounded(String source, java.util.regex.Pattern pattern) {
            super(source);
            this.pattern = pattern;
        }

        @Override
        public boolean linear() {
            return false;
        }

        @Override
        public boolean test(String value, String lower) {
            try {
                return pattern.matcher(new Budgeted(value, BUDGET)).find();
            } catch (OutOfBudget e) {
                EXHAUSTED.increment();
                return false;
            } catch (StackOverflowError e) {
                EXHAUSTED.increment(); // deep recursion on a long alternation: same bound, same count
                return false;
            }
        }
    }

    /** A value whose characters may be read a bounded number of times in all. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private int left;

        Budgeted(String text, int budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new OutOfBudget();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }
}
