package io.vigil.detection.engine.match;

import io.vigil.detection.engine.event.Event;
import java.util.Collection;
import java.util.Iterator;

/** True when some value of the field passes the test (a multi-valued field matches if any element does). */
public record FieldMatcher(String field, ValueTest test) implements Matcher {

    @Override
    public boolean matches(Event event) {
        Collection<String> values = event.texts(field);
        if (values.isEmpty()) {
            return false;
        }
        Iterator<String> lower = event.lowerTexts(field).iterator();
        for (String v : values) {
            if (test.test(v, lower.next())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Requirement requirement() {
        java.util.List<String> lits = test.requiredLiterals();
        return lits == null ? null
                : new Requirement(lits.stream().map(l -> new Requirement.FieldLiteral(field, l)).toList());
    }
}
