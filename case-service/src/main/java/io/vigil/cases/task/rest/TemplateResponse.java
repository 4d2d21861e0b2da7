package io.vigil.cases.task.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TemplateResponse(String name, UUID tenantId, String ruleId, String technique, String label,
        List<TemplateRequest.Item> tasks, Instant updatedAt, String updatedBy) {
}
