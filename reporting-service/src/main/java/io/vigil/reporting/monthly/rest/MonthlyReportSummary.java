package io.vigil.reporting.monthly.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MonthlyReportListed", description = "A stored monthly report and where to download it")
public record MonthlyReportSummary(String month, Instant generatedAt, String generatedBy, String trigger, int pdfBytes,
        String json, String pdf) {
}
