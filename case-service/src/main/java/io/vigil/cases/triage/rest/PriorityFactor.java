package io.vigil.cases.triage.rest;

/**
 * One reason a case sits where it does in the queue: what was weighed, the value seen, and the points it
 * added (or took away, for a rule that is often a false positive).
 */
public record PriorityFactor(String factor, String value, int points) {
}
