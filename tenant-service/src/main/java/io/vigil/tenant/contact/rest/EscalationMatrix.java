package io.vigil.tenant.contact.rest;

import io.vigil.tenant.contact.EscalationStep;
import io.vigil.tenant.sla.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is told, per severity, in order: the first step at once or after its minutes, each next one if the
 * alert is still unacknowledged after its {@code afterMinutes} (counted from the alert).
 */
public record EscalationMatrix(@NotNull Map<Severity, List<@Valid @NotNull Step>> steps) {

    public record Step(@NotNull UUID contactId, @NotNull @Min(0) @Max(10_080) Integer afterMinutes,
            @NotNull EscalationStep.Channel channel) {
    }
}
