package io.vigil.detection.engine.event;

import java.util.Collection;

/**
 * What a rule sees of one event: flat field names (Sigma's {@code Image}, {@code CommandLine}, ECS's
 * {@code process.command_line}...) to scalar values or lists of them. Values are compared as text, as
 * Sigma does; lower-cased text is cached because most comparisons are case-insensitive.
 */
public interface Event {

    /** The value of a field (String, Number, Boolean, or a List of them), or null when absent. */
    Object get(String field);

    /** Whether the field is present (its value may be null or empty). */
    boolean has(String field);

    /** The field's value as text; a list's elements each as text. Empty when absent or null. */
    Collection<String> texts(String field);

    /** The same, lower-cased (cached per event). */
    Collection<String> lowerTexts(String field);

    /** Every value of the event as lower-cased text, for keyword search. */
    Collection<String> allLowerTexts();
}
