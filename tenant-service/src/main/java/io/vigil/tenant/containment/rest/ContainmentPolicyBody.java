package io.vigil.tenant.containment.rest;

import io.vigil.tenant.containment.ContainmentRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's containment policy: pre-approval rules; the contacts who approve everything else, in order; how
 * long to wait for an approval before escalating to the next approver.
 */
public record ContainmentPolicyBody(
        @NotNull @Size(max = 100) List<@Valid @NotNull RuleBody> rules,
        @NotNull @Size(max = 20) List<@NotNull UUID> approvers,
        @NotNull @Min(1) @Max(1440) Integer escalateAfterMinutes,
        Instant updatedAt) {

    public record RuleBody(@NotNull ContainmentRules.Action action,
            io.vigil.tenant.asset.Asset.Criticality maxCriticality,
            @Size(max = 20) List<@NotNull String> environments) {
    }
}
