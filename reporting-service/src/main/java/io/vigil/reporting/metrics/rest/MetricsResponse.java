package io.vigil.reporting.metrics.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's figures for the cases opened in a period. */
public record MetricsResponse(UUID tenantId, String tenantName, PeriodResponse period,
        @Schema(description = "MTTD (first event to case), MTTA (to acknowledgement), MTTC (to containment), MTTR (to"
                + " resolution): median and 90th percentile in minutes, for all cases and per severity")
        List<ResponseTime> responseTimes,
        @Schema(description = "Per clock kind: SLA promises and regulatory deadlines met, breached (kept late or still"
                + " overdue), running; time paused while waiting on the customer is shown apart and not counted")
        List<ClockCompliance> clocks,
        @Schema(description = "The breaches, earliest deadline first (at most 100; breachCount has them all)")
        List<Breach> breaches, long breachCount, Volumes volumes,
        @Schema(description = "Closed cases per rule, most false positives first: what to tune")
        List<RuleTuning> rules) {

    public record PeriodResponse(Instant from, Instant to, String timeZone, String label) {

        /** How a period is answered by every report. */
        public static PeriodResponse of(io.vigil.reporting.metrics.Period p) {
            return new PeriodResponse(p.from(), p.to(), p.zone().getId(), p.label());
        }
    }

    public record ResponseTime(String measure, String severity, long cases, long measured, Double medianMinutes,
            Double p90Minutes, Integer targetMinutes) {
    }

    public record ClockCompliance(String family, String kind, String regime, long met, long breached, long keptLate,
            long overdue, long running,
            @Schema(description = "met / (met + breached), null when no clock of the kind ended or breached")
            Double compliance, long pausedMinutes) {
    }

    public record Breach(UUID caseId, long caseNumber, String caseTitle, String severity, String family, String kind,
            String regime, int targetMinutes, Instant dueAt, Instant stoppedAt, int pausedMinutes, String cause) {
    }

    public record Volumes(long cases, long alerts, long reopened, Map<String, Long> bySeverity,
            Map<String, Long> byPriority, Map<String, Long> byClassification, Map<String, Long> byStatus,
            PeriodResponse previousPeriod, long previousCases, long previousAlerts) {
    }

    public record RuleTuning(String ruleId, String title, long closed, long falsePositives, long benignPositives,
            long truePositives, Double falsePositiveRate) {
    }
}
