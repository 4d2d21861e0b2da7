package io.vigil.detection.eventstore.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A stored event found by a hunt. */
public record HuntedEvent(UUID tenantId, UUID id, Instant ts, Instant receivedAt, JsonNode event) {
}
