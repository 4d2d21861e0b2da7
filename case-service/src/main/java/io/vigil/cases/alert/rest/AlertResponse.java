package io.vigil.cases.alert.rest;

import io.vigil.cases.alert.Alert;
import java.time.Instant;
import java.util.UUID;

public record AlertResponse(UUID id, UUID tenantId, String ruleId, String title, Alert.Severity severity,
        Instant detectedAt, Instant receivedAt, Alert.Status status, Alert.Verdict verdict, String verdictNote,
        Instant closedAt, String closedBy) {
}
