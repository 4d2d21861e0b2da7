package io.vigil.cases.triage.rest;

import java.time.Instant;

/**
 * One line of a case's reconstruction, oldest first: an alert joining it ({@code kind=alert}, at the time of
 * the activity), a telemetry event behind an alert ({@code kind=event}, ref = the event id in the event
 * store), a comment, or an analyst's or the system's action ({@code kind=action}, from the audit trail).
 */
public record TimelineEntry(Instant at, String kind, String actor, String summary, String ref) {
}
