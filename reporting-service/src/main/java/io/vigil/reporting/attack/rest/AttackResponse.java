package io.vigil.reporting.attack.rest;

import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttackMatrix", description = "The ATT&CK techniques and tactics seen in the period's cases, as a matrix by"
        + " tactic (every Enterprise tactic, in order, so the empty ones show)")
public record AttackResponse(UUID tenantId, PeriodResponse period, String attackVersion, long cases,
        List<Column> tactics,
        @Schema(description = "Technique ids the cases name that the shipped ATT&CK tables do not know") List<String> unknownTechniques) {

    public record Column(String id, String shortName, String name,
            @Schema(description = "Cases that reached this tactic") long cases, List<Cell> techniques) {
    }

    public record Cell(String id, String name, long cases,
            @Schema(description = "The cases, by number (at most 20)") List<Long> caseNumbers) {
    }
}
