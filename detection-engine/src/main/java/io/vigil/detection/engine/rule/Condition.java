package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.match.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition over named detections: {@code and}, {@code or}, {@code not} (precedence not,
 * and, or), parentheses, {@code 1 of}/{@code any of}/{@code all of} a name pattern or {@code them}
 * (identifiers starting with '_' are not part of {@code them}). Operators are lower-case; the v1 pipe
 * aggregations are refused (correlation rules replace them).
 */
final class Condition {

    private final List<String> tokens;
    private final Map<String, Matcher> detections;
    private final String location;
    private int pos;
    private int depth;

    /** Nesting beyond any real rule's (SigmaHQ's deepest is a few levels) is refused, not recursed into. */
    static final int MAX_DEPTH = 64;

    private Condition(String text, Map<String, Matcher> detections, String location) {
        this.tokens = tokenize(text, location);
        this.detections = detections;
        this.location = location;
    }

    static Matcher parse(String text, Map<String, Matcher> detections, String location) {
        if (text.contains("|")) {
            throw new SigmaException(location, "aggregation pipes (Sigma v1) are not supported: use a correlation rule");
        }
        Condition c = new Condition(text, detections, location);
        Matcher m = c.or();
        if (c.pos != c.tokens.size()) {
            throw new SigmaException(location, "unexpected '" + c.tokens.get(c.pos) + "' in condition '" + text + "'");
        }
        return m;
    }

    private Matcher or() {
        List<Matcher> parts = new ArrayList<>();
        parts.add(and());
        while (accept("or")) {
            parts.add(and());
        }
        return Matcher.or(parts);
    }

    private Matcher and() {
        List<Matcher> parts = new ArrayList<>();
        parts.add(unary());
        while (accept("and")) {
            parts.add(unary());
        }
        return Matcher.and(parts);
    }

    private Matcher unary() {
        if (accept("not")) {
            descend();
            Matcher m = Matcher.not(unary());
            depth--;
            return m;
        }
        if (accept("(")) {
            descend();
            Matcher m = or();
            expect(")");
            depth--;
            return m;
        }
        String t = next();
        if (t.equals("1") || t.equals("any") || t.equals("all")) {
            expect("of");
            List<Matcher> selected = select(next());
            return t.equals("all") ? Matcher.and(selected) : Matcher.or(selected);
        }
        if (isOperator(t)) {
            throw new SigmaException(location, "expected a detection name, found '" + t + "'");
        }
        Matcher m = detections.get(t);
        if (m == null) {
            throw new SigmaException(location, "the condition names '" + t + "', which is not a detection");
        }
        return m;
    }

    private List<Matcher> select(String pattern) {
        List<Matcher> out = new ArrayList<>();
        if (pattern.equals("them")) {
            detections.forEach((name, m) -> {
                if (!name.startsWith("_")) {
                    out.add(m);
                }
            });
        } else {
            Pattern p = Pattern.compile(SigmaString.parse(pattern).toRegex());
            detections.forEach((name, m) -> {
                if (p.matcher(name).matches()) {
                    out.add(m);
                }
            });
        }
        if (out.isEmpty()) {
            throw new SigmaException(location, "'of " + pattern + "' selects no detection");
        }
        return out;
    }

    private void descend() {
        if (++depth > MAX_DEPTH) {
            throw new SigmaException(location, "the condition nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private boolean accept(String t) {
        if (pos < tokens.size() && tokens.get(pos).equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw new SigmaException(location, "expected '" + t + "'" + (pos < tokens.size() ? " before '" + tokens.get(pos) + "'" : " at the end"));
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new SigmaException(location, "the condition ends too early");
        }
        return tokens.get(pos++);
    }

    private static boolean isOperator(String t) {
        return t.equals("and") || t.equals("or") || t.equals("not") || t.equals("of") || t.equals(")") || t.equals("(");
    }

    private static List<String> tokenize(String text, String location) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        if (out.isEmpty()) {
            throw new SigmaException(location, "the condition is empty");
        }
        return out;
    }
}
