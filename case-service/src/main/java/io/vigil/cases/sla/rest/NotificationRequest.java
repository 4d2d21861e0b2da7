package io.vigil.cases.sla.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A notification sent to a regulator: NIS2 EARLY_WARNING, NOTIFICATION or FINAL_REPORT; GDPR NOTIFICATION;
 * DORA INITIAL, INTERMEDIATE or FINAL. {@code sentAt} defaults to now.
 */
public record NotificationRequest(@NotNull ReportableRequest.Regime regime, @NotBlank String stage, Instant sentAt,
        @NotBlank @Size(max = 300) String recipient, @Size(max = 4000) String summary) {
}
