package io.vigil.detection.rule.rest;

import java.time.Instant;

public record RuleResponse(String id, int version, String title, String author, String level, String status,
        String pack, boolean enabled, Instant importedAt) {
}
