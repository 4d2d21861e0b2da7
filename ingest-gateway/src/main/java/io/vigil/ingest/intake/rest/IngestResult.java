package io.vigil.ingest.intake.rest;

import java.util.UUID;

/** What happened to a batch: events on their way to detection, and lines kept in dead-letter. */
public record IngestResult(UUID tenantId, int accepted, int deadLettered, String stream) {
}
