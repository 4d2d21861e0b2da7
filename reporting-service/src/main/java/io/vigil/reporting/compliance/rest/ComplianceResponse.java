package io.vigil.reporting.compliance.rest;

import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ComplianceView", description = "The period's incident handling mapped to NIST CSF 2.0 and ISO/IEC"
        + " 27001:2022 Annex A 5.24-5.28: per outcome or control its evidence (counts, times, linked cases) and what"
        + " is missing")
public record ComplianceResponse(UUID tenantId, String tenantName, PeriodResponse period, List<Framework> frameworks) {

    public record Framework(String name, List<Item> items) {
    }

    public record Item(@Schema(description = "The framework's identifier, e.g. RS.MI or A.5.26") String id, String name,
            @Schema(description = "EVIDENCED (evidence, nothing missing), GAPS (something missing), NO_ACTIVITY (nothing"
                    + " in the period to show)", enumeration = {"EVIDENCED", "GAPS", "NO_ACTIVITY"}) String status,
            List<Evidence> evidence,
            @Schema(description = "What the period's handling lacks, each with the cases concerned") List<Gap> missing) {
    }

    public record Evidence(String what, String value) {
    }

    public record Gap(String what, List<Long> caseNumbers) {
    }
}
