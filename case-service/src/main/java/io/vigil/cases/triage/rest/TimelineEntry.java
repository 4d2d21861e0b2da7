package io.vigil.cases.triage.rest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a case's reconstruction, oldest first: an alert joining it ({@code kind=alert}, at the time of
 * the activity), a telemetry event behind an alert ({@code kind=event}, ref = the event id in the event
 * store), a comment, or an analyst's or the system's action ({@code kind=action}, from the audit trail).
 */
public record TimelineEntry(Instant at, String kind, String actor, String summary, String ref) {

    /** Oldest first; at one instant, cause before effect: the event, then its alert, then what people did. */
    public static final Comparator<TimelineEntry> ORDER = Comparator.comparing(TimelineEntry::at)
            .thenComparingInt(e -> List.of("event", "alert", "comment", "action").indexOf(e.kind()));
}
