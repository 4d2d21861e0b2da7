package io.vigil.cases.observable.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * An observable of a case. {@code otherClients} is the only signal that crosses clients: in how many other
 * clients' cases the same observable appears, given only when at least two (so no single client can be
 * inferred), never which.
 */
public record ObservableResponse(UUID id, UUID caseId, String type, String value, String tlp, String pap, boolean ioc,
        boolean sighted, String source, String note, Instant createdAt, String createdBy, Integer otherClients) {
}
