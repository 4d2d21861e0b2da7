package io.vigil.cases.sla.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Marks a case reportable under a regime the tenant reports under. {@code awareAt}: when the client became
 * aware of the incident (default now); {@code classifiedAt}: when it was classified major (DORA; default now).
 */
public record ReportableRequest(@NotNull Regime regime, Instant awareAt, Instant classifiedAt,
        @Size(max = 2000) String note) {

    public enum Regime {
        NIS2, GDPR, DORA
    }
}
