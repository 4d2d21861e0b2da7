package io.vigil.detection.engine.match;

import java.util.ArrayList;
import java.util.List;

/** A test on one text value of a field; gets the value as is and lower-cased (computed once per event). */
public interface ValueTest {

    boolean test(String value, String lower);

    /**
     * Lower-cased texts of which at least one occurs in every value this test accepts, or null when there is
     * no such set (regular expressions, numbers, CIDR...). Used to skip rules whose texts an event lacks.
     */
    default List<String> requiredLiterals() {
        return null;
    }

    static ValueTest any(List<ValueTest> tests) {
        if (tests.size() == 1) {
            return tests.get(0);
        }
        return new AnyOf(tests.toArray(ValueTest[]::new));
    }

    /** True when any of the tests is. */
    record AnyOf(ValueTest[] tests) implements ValueTest {
        @Override
        public boolean test(String v, String l) {
            for (ValueTest t : tests) {
                if (t.test(v, l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> requiredLiterals() {
            List<String> all = new ArrayList<>();
            for (ValueTest t : tests) {
                List<String> r = t.requiredLiterals();
                if (r == null) {
                    return null;
                }
                all.addAll(r);
            }
            return all;
        }
    }
}
