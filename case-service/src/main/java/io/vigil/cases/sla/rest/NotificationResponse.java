package io.vigil.cases.sla.rest;

import java.time.Instant;
import java.util.UUID;

/** A recorded regulatory notification; {@code onTime} compares it with its clock's deadline. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RegulatoryNotificationResponse")
public record NotificationResponse(UUID id, UUID caseId, String regime, String stage, Instant sentAt, String recipient,
        String summary, String recordedBy, Instant recordedAt, Instant dueAt, boolean onTime) {
}
