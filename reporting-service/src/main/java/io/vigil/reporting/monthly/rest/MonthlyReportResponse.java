package io.vigil.reporting.monthly.rest;

import io.vigil.reporting.briefing.rest.IncidentSummary;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MonthlyReport", description = "A tenant's month for its CIO: what happened in business terms, the"
        + " SLA kept, trends and the tuning list, as generated (the same figures every time it is read)")
public record MonthlyReportResponse(UUID tenantId, String tenantName, String month, String timeZone,
        @Schema(description = "false while the month is not over in the tenant's zone (figures so far)") boolean complete,
        Instant generatedAt, String generatedBy, String trigger,
        @Schema(description = "The month in a few sentences, in business terms") List<String> headlines,
        @Schema(description = "The confirmed incidents opened in the month, oldest first (at most 200)")
        List<IncidentSummary> incidents, long incidentCount,
        @Schema(description = "The month's figures, as GET .../metrics?month= gives them") MetricsResponse figures,
        @Schema(description = "The log sources' health and the month's silences, as GET .../log-sources?month= gives them")
        io.vigil.reporting.logsource.rest.LogSourcesResponse logSources,
        @Schema(description = "What is being improved: the post-incident reviews' follow-ups still open (overdue ones"
                + " marked) and those done in the month") List<Improvement> improvements,
        @Schema(description = "The month's cases on the ATT&CK matrix, as GET .../attack?month= gives it")
        io.vigil.reporting.attack.rest.AttackResponse attack) {

    public record Improvement(long caseNumber, String kind, String title, String owner, java.time.LocalDate dueDate,
            String status, boolean overdue, Instant doneAt) {
    }
}
