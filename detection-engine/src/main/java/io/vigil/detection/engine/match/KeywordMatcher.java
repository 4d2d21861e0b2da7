package io.vigil.detection.engine.match;

import io.vigil.detection.engine.event.Event;

/** Full-text search: true when some value of any field passes the test (tests get lower-cased text). */
public record KeywordMatcher(ValueTest test) implements Matcher {

    @Override
    public boolean matches(Event event) {
        for (String lower : event.allLowerTexts()) {
            if (test.test(lower, lower)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Requirement requirement() {
        java.util.List<String> lits = test.requiredLiterals();
        return lits == null ? null : new Requirement(
                lits.stream().map(l -> new Requirement.FieldLiteral(Requirement.ANY_FIELD, l)).toList());
    }
}
