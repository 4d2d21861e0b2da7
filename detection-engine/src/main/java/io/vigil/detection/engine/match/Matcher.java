package io.vigil.detection.engine.match;

import io.vigil.detection.engine.event.Event;
import java.util.List;

/** A compiled piece of a rule's detection: true when the event satisfies it. */
public interface Matcher {

    boolean matches(Event event);

    /** A necessary condition on the event's texts, or null when none can be stated. */
    default Requirement requirement() {
        return null;
    }

    Matcher NEVER = e -> false;
    Matcher ALWAYS = e -> true;

    static Matcher and(List<Matcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new And(parts.toArray(Matcher[]::new));
    }

    static Matcher or(List<Matcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new Or(parts.toArray(Matcher[]::new));
    }

    static Matcher not(Matcher m) {
        return new Not(m);
    }

    record And(Matcher[] parts) implements Matcher {
        @Override
        public boolean matches(Event e) {
            for (Matcher m : parts) {
                if (!m.matches(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Requirement requirement() {
            return Requirement.best(java.util.Arrays.stream(parts).map(Matcher::requirement).toList());
        }
    }

    record Or(Matcher[] parts) implements Matcher {
        @Override
        public boolean matches(Event e) {
            for (Matcher m : parts) {
                if (m.matches(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Requirement requirement() {
            return Requirement.union(java.util.Arrays.stream(parts).map(Matcher::requirement).toList());
        }
    }

    record Not(Matcher inner) implements Matcher {
        @Override
        public boolean matches(Event e) {
            return !inner.matches(e);
        }
    }
}
