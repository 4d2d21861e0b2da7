package io.vigil.reporting.metrics.mapping;

import io.vigil.reporting.metrics.rest.MetricsResponse;
import java.util.List;

/** The tables of {@link MetricsResponse} as CSV, one header row each. */
public final class MetricsCsv {

    private MetricsCsv() {
    }

    public static String responseTimes(List<MetricsResponse.ResponseTime> rows) {
        Csv csv = new Csv().row("measure", "severity", "cases", "measured", "median_minutes", "p90_minutes", "target_minutes");
        rows.forEach(r -> csv.row(r.measure(), r.severity(), r.cases(), r.measured(), r.medianMinutes(), r.p90Minutes(),
                r.targetMinutes()));
        return csv.toString();
    }

    public static String clocks(List<MetricsResponse.ClockCompliance> rows) {
        Csv csv = new Csv().row("family", "kind", "regime", "met", "breached", "kept_late", "overdue", "running",
                "compliance", "paused_minutes");
        rows.forEach(r -> csv.row(r.family(), r.kind(), r.regime(), r.met(), r.breached(), r.keptLate(), r.overdue(),
                r.running(), r.compliance(), r.pausedMinutes()));
        return csv.toString();
    }

    public static String breaches(List<MetricsResponse.Breach> rows) {
        Csv csv = new Csv().row("case_number", "case_title", "severity", "family", "kind", "regime", "target_minutes",
                "due_at", "stopped_at", "paused_minutes", "cause", "case_id");
        rows.forEach(r -> csv.row(r.caseNumber(), r.caseTitle(), r.severity(), r.family(), r.kind(), r.regime(),
                r.targetMinutes(), r.dueAt(), r.stoppedAt(), r.pausedMinutes(), r.cause(), r.caseId()));
        return csv.toString();
    }

    public static String rules(List<MetricsResponse.RuleTuning> rows) {
        Csv csv = new Csv().row("rule_id", "title", "closed", "false_positives", "benign_positives", "true_positives",
                "false_positive_rate");
        rows.forEach(r -> csv.row(r.ruleId(), r.title(), r.closed(), r.falsePositives(), r.benignPositives(),
                r.truePositives(), r.falsePositiveRate()));
        return csv.toString();
    }
}
