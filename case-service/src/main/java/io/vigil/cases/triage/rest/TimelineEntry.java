package io.vigil.cases.triage.rest;

import java.time.Instant;

/**
 * One line of a case's reconstruction, oldest first: an alert joining it ({@code kind=alert}, at the time of
 * the activity) or an analyst's or the system's action ({@code kind=action}, from the audit trail).
 */
public record TimelineEntry(Instant at, String kind, String actor, String summary, String ref) {
}
