package io.vigil.detection.baseline.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's baselines: its settings, when learning started and ends (event time; null before the first
 * event), whether it is still learning, and how many facts each kind has learned.
 */
public record BaselineStatus(UUID tenantId, BaselineSettings settings, Instant learningSince, Instant learningUntil,
        boolean learning, Map<String, Long> learnedFacts) {
}
