package io.vigil.cases.evidence.rest;

import java.time.Instant;
import java.util.UUID;

/** A piece of evidence as the API shows it; the bytes are at {@code .../evidence/{id}/content}. */
public record EvidenceResponse(UUID id, UUID caseId, String fileName, String contentType, long sizeBytes, String sha256,
        String description, String collectedBy, Instant collectedAt) {
}
