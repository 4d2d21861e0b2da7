package io.vigil.detection.baseline.rest;

import java.time.Instant;

/** One fact a baseline learned, with the event time it was first seen. */
public record LearnedFact(String kind, String entity, String value, Instant firstSeen) {
}
