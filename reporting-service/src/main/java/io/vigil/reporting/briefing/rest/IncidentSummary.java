package io.vigil.reporting.briefing.rest;

import java.time.Instant;
import java.util.UUID;

/** A line of the client's incident list; its briefing is at {@code incidents/{caseId}}. */
public record IncidentSummary(UUID caseId, long caseNumber, String title, String severity, String priority,
        String status, String statusInWords, Instant openedAt, Instant containedAt, Instant resolvedAt, boolean closed) {
}
