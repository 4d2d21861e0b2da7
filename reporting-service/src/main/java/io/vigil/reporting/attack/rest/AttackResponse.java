package io.vigil.reporting.attack.rest;

import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttackMatrix", description = "The ATT&CK techniques and tactics seen in the period's cases, as a matrix by"
        + " tactic (every Enterprise tactic, in order, so the empty ones show)")
public record AttackResponse(UUID tenantId, PeriodResponse period, String attackVersion, long cases,
        List<Column> tactics,
        @Schema(description = "Technique ids the cases name that the shipped ATT&CK tables do not know") List<String> unknownTechniques,
        @Schema(description = "What the tenant's enabled rules can detect with the events it sends, as detection-service last"
                + " announced it; null before it did") Coverage coverage) {

    public record Column(String id, String shortName, String name,
            @Schema(description = "Cases that reached this tactic") long cases, List<Cell> techniques,
            @Schema(description = "Techniques of this tactic (sub-techniques apart)") int techniquesInTactic,
            @Schema(description = "Of those, the ones an enabled rule watches, itself or through a sub-technique") int coveredTechniques,
            @Schema(description = "Techniques enabled rules watch with the tenant's events, most rules first") List<Covered> covered,
            @Schema(description = "Techniques only blind rules name: rules enabled, but no event of their logsource") List<Blind> blind,
            @Schema(description = "Techniques (sub-techniques apart) no enabled rule names, itself or through a sub-technique")
            List<Gap> gaps) {
    }

    public record Coverage(Instant computedAt, int windowDays, int enabledRules,
            @Schema(description = "Enabled rules the tenant's events could make fire") int reachableRules,
            @Schema(description = "Kinds of events (event id and channel) sent within the window") int eventKinds,
            @Schema(description = "Techniques (sub-techniques apart) of the matrix") int techniques,
            @Schema(description = "Of those, the ones an enabled rule watches") int coveredTechniques,
            @Schema(description = "Logsources the blind rules wait for, with how many rules each") List<Need> needs) {
    }

    public record Need(String logsource, int rules) {
    }

    public record Covered(String id, String name, int rules) {
    }

    public record Blind(String id, String name, int rules, List<String> needs) {
    }

    public record Gap(String id, String name) {
    }

    public record Cell(String id, String name, long cases,
            @Schema(description = "The cases, by number (at most 20)") List<Long> caseNumbers) {
    }
}
