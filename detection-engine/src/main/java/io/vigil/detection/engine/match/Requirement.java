package io.vigil.detection.engine.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A necessary condition of a matcher: at least one of these (field, lower-cased text) pairs occurs, the
 * text inside a value of the field ({@link #ANY_FIELD}: of any field). An event that holds none of them
 * cannot match, so the rule need not be evaluated.
 */
public record Requirement(List<FieldLiteral> anyOf) {

    public static final String ANY_FIELD = "";

    public record FieldLiteral(String field, String literal) {
    }

    static Requirement union(List<Requirement> parts) {
        List<FieldLiteral> all = new ArrayList<>();
        for (Requirement r : parts) {
            if (r == null) {
                return null;
            }
            all.addAll(r.anyOf());
        }
        return new Requirement(all);
    }

    /** The most selective of several requirements that all hold (their shortest text is the longest). */
    static Requirement best(List<Requirement> parts) {
        Requirement best = null;
        for (Requirement r : parts) {
            if (r != null && (best == null || r.shortest() > best.shortest()
                    || (r.shortest() == best.shortest() && r.anyOf().size() < best.anyOf().size()))) {
                best = r;
            }
        }
        return best;
    }

    int shortest() {
        int min = Integer.MAX_VALUE;
        for (FieldLiteral f : anyOf) {
            min = Math.min(min, f.literal().length());
        }
        return min;
    }
}
