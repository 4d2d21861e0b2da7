package io.vigil.cases.automation.rest;

import io.vigil.cases.alert.Alert;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AutomationRuleRequest", description = "Run a playbook on every case that matches when it is created"
        + " (trigger CASE_CREATED, the default) or updated (CASE_UPDATED: once per case, the first time it matches): its"
        + " severity is one of severities, its rule one of ruleIds, it carries one of labels, its asset at least"
        + " minCriticality (each empty or absent: any); rules run in position order until expiresAt")
public record AutomationRuleRequest(@Min(0) int position, @Size(max = 5) List<Alert.Severity> severities,
        @Size(max = 100) List<@Size(max = 200) String> ruleIds, @Size(max = 30) List<@Size(max = 64) String> labels,
        @Pattern(regexp = "LOW|MEDIUM|HIGH|CRITICAL") String minCriticality, @NotBlank @Size(max = 63) String playbook,
        Boolean enabled, Instant expiresAt, @Pattern(regexp = "CASE_CREATED|CASE_UPDATED") String trigger) {
}
