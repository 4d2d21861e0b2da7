package io.vigil.detection.engine.match;

/** A test on one text value of a field; gets the value as is and lower-cased (computed once per event). */
@FunctionalInterface
public interface ValueTest {

    boolean test(String value, String lower);

    static ValueTest any(java.util.List<ValueTest> tests) {
        if (tests.size() == 1) {
            return tests.get(0);
        }
        ValueTest[] a = tests.toArray(ValueTest[]::new);
        return (v, l) -> {
            for (ValueTest t : a) {
                if (t.test(v, l)) {
                    return true;
                }
            }
            return false;
        };
    }
}
