package io.vigil.detection.engine.match;

import io.vigil.detection.engine.event.Event;

/** A compiled piece of a rule's detection: true when the event satisfies it. */
@FunctionalInterface
public interface Matcher {

    boolean matches(Event event);

    Matcher NEVER = e -> false;
    Matcher ALWAYS = e -> true;

    static Matcher and(java.util.List<Matcher> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Matcher[] a = parts.toArray(Matcher[]::new);
        return e -> {
            for (Matcher m : a) {
                if (!m.matches(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Matcher or(java.util.List<Matcher> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Matcher[] a = parts.toArray(Matcher[]::new);
        return e -> {
            for (Matcher m : a) {
                if (m.matches(e)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Matcher not(Matcher m) {
        return e -> !m.matches(e);
    }
}
