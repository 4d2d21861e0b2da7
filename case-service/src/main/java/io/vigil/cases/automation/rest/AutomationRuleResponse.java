package io.vigil.cases.automation.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AutomationRule")
public record AutomationRuleResponse(UUID tenantId, String name, int position, String trigger, List<String> severities,
        List<String> ruleIds, List<String> labels, String minCriticality, String playbook, boolean enabled,
        Instant expiresAt, Instant updatedAt, String updatedBy) {
}
