package io.vigil.reporting.monthly.mapping;

import io.vigil.reporting.briefing.rest.IncidentSummary;
import io.vigil.reporting.metrics.rest.MetricsResponse;
import io.vigil.reporting.monthly.rest.MonthlyReportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The monthly report as a PDF: A4 pages of text and tables (PDFBox, the standard Helvetica fonts), in the order
 * a CIO reads it: the month in a few sentences, the incidents, the SLA kept, response times, volumes, tuning.
 */
public final class ReportPdf {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private ReportPdf() {
    }

    public static byte[] render(MonthlyReportResponse r) {
        try (PDDocument doc = new PDDocument(); Writer w = new Writer(doc)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Vigil monthly report " + r.month() + " - " + name(r));
            info.setAuthor("Vigil SOC");
            DateTimeFormatter at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone(r));
            w.text(BOLD, 18, "Security report " + r.month() + ": " + name(r));
            w.text(REGULAR, 9, "Generated " + at.format(r.generatedAt()) + " (" + r.timeZone() + ")"
                    + (r.complete() ? "" : ", month not over: figures so far") + ".");
            w.gap();
            w.heading("The month in brief");
            r.headlines().forEach(h -> w.paragraph("- " + h));

            w.heading("Incidents (" + r.incidentCount() + ")");
            if (r.incidents().isEmpty()) {
                w.paragraph("No confirmed incident was opened this month.");
            } else {
                w.table(new float[] {40, 215, 70, 70, 100}, List.of("Case", "What", "Severity", "Opened", "Status"),
                        r.incidents().stream().map(i -> List.of("#" + i.caseNumber(), i.title(), i.severity(),
                                day(i, at), i.statusInWords())).toList());
            }

            MetricsResponse f = r.figures();
            w.heading("Promises kept (SLA and regulatory deadlines)");
            if (f.clocks().isEmpty()) {
                w.paragraph("No deadline ran this month.");
            } else {
                w.table(new float[] {80, 95, 45, 55, 55, 60, 105}, List.of("Kind", "Regime", "Met", "Breached", "Running",
                        "Kept", "Paused (min)"), f.clocks().stream().map(c -> List.of(c.kind(), c.regime() == null ? "-"
                                : c.regime(), "" + c.met(), "" + c.breached(), "" + c.running(), c.compliance() == null ? "-"
                                : String.format(Locale.ROOT, "%.1f%%", 100 * c.compliance()), "" + c.pausedMinutes()))
                        .toList());
            }
            if (!f.breaches().isEmpty()) {
                w.paragraph("Breaches (" + f.breachCount() + "):");
                w.table(new float[] {45, 80, 65, 305}, List.of("Case", "Kind", "Severity", "Cause"), f.breaches().stream()
                        .map(b -> List.of("#" + b.caseNumber(), b.kind(), b.severity(), b.cause())).toList());
            }

            w.heading("Response times (minutes)");
            List<List<String>> times = new ArrayList<>();
            for (MetricsResponse.ResponseTime t : f.responseTimes()) {
                if (t.measured() > 0) {
                    times.add(List.of(t.measure(), t.severity(), "" + t.measured(), num(t.medianMinutes()),
                            num(t.p90Minutes()), t.targetMinutes() == null ? "-" : "" + t.targetMinutes()));
                }
            }
            if (times.isEmpty()) {
                w.paragraph("Nothing to measure: no case was opened this month.");
            } else {
                w.table(new float[] {60, 95, 70, 90, 90, 90}, List.of("Measure", "Severity", "Cases", "Median", "90th pct",
                        "Target"), times);
            }

            MetricsResponse.Volumes v = f.volumes();
            w.heading("Volumes");
            w.paragraph("Cases opened: " + v.cases() + " (" + v.previousCases() + " in " + v.previousPeriod().label()
                    + "). Alerts: " + v.alerts() + " (" + v.previousAlerts() + "). Reopened: " + v.reopened() + ".");
            if (!v.bySeverity().isEmpty()) {
                w.paragraph("By severity: " + String.join(", ", v.bySeverity().entrySet().stream()
                        .map(e -> e.getKey().toLowerCase(Locale.ROOT) + " " + e.getValue()).toList()) + ".");
            }
            if (r.logSources() != null && r.logSources().sources() > 0) {
                w.heading("Log sources");
                w.table(new float[] {150, 65, 55, 80, 55, 90}, List.of("Source", "Product", "Health", "Events", "Silences",
                        "Silent (min)"), r.logSources().items().stream().map(s -> List.of(s.name(),
                                s.product() == null ? "-" : s.product(), s.health(),
                                String.format(Locale.ROOT, "%,d", s.events()), "" + s.silences(), "" + s.silentMinutes()))
                        .toList());
            }
            if (r.attack() != null && r.attack().tactics().stream().anyMatch(c -> c.cases() > 0)) {
                w.heading("Attack techniques seen (" + r.attack().attackVersion() + ")");
                List<List<String>> rows = new ArrayList<>();
                for (var c : r.attack().tactics()) {
                    if (c.cases() == 0) {
                        continue;
                    }
                    if (c.techniques().isEmpty()) {
                        rows.add(List.of(c.name(), "(named by the cases' tactic only)", "" + c.cases()));
                    }
                    c.techniques().forEach(t -> rows.add(List.of(c.name(), t.id() + " " + t.name(), "" + t.cases())));
                }
                w.table(new float[] {130, 305, 60}, List.of("Tactic", "Technique", "Cases"), rows);
            }
            if (r.improvements() != null && !r.improvements().isEmpty()) {
                w.heading("What is being improved");
                w.table(new float[] {40, 215, 95, 70, 75}, List.of("Case", "Follow-up", "Owner", "Due", "Status"),
                        r.improvements().stream().map(i -> List.of("#" + i.caseNumber(), i.title(), i.owner(),
                                String.valueOf(i.dueDate()), i.overdue() ? "OVERDUE" : i.status())).toList());
            }
            if (!f.rules().isEmpty()) {
                w.heading("Detection tuning");
                w.table(new float[] {255, 60, 90, 90}, List.of("Rule", "Closed", "False positives", "FP rate"),
                        f.rules().stream().map(t -> List.of(t.title() == null ? t.ruleId() : t.title(), "" + t.closed(),
                                "" + t.falsePositives(), t.falsePositiveRate() == null ? "-"
                                        : String.format(Locale.ROOT, "%.0f%%", 100 * t.falsePositiveRate()))).toList());
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the report's PDF could not be written", e);
        }
    }

    private static String name(MonthlyReportResponse r) {
        return r.tenantName() == null ? r.tenantId().toString() : r.tenantName();
    }

    private static ZoneId zone(MonthlyReportResponse r) {
        try {
            return ZoneId.of(r.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static String day(IncidentSummary i, DateTimeFormatter at) {
        return i.openedAt() == null ? "-" : at.format(i.openedAt()).substring(0, 10);
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    /** Text laid out top to bottom, a new page when one is full. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument doc;
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            page();
        }

        private void page() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            out = new PDPageContentStream(doc, p);
            y = p.getMediaBox().getHeight() - MARGIN;
        }

        private void room(float height) {
            try {
                if (y - height < MARGIN) {
                    page();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void text(PDType1Font font, float size, String s) {
            for (String line : wrap(font, size, s, WIDTH)) {
                room(size * 1.4f);
                y -= size * 1.4f;
                at(font, size, MARGIN, line);
            }
        }

        void heading(String s) {
            gap();
            room(40);
            text(BOLD, 13, s);
            y -= 3;
        }

        void paragraph(String s) {
            text(REGULAR, 10, s);
        }

        void gap() {
            y -= 8;
        }

        void table(float[] widths, List<String> header, List<List<String>> rows) {
            row(widths, header, BOLD);
            rows.forEach(r -> row(widths, r, REGULAR));
            y -= 4;
        }

        private void row(float[] widths, List<String> cells, PDType1Font font) {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < widths.length; i++) {
                List<String> w = wrap(font, 9, i < cells.size() ? cells.get(i) : "", widths[i] - 4);
                wrapped.add(w);
                lines = Math.max(lines, w.size());
            }
            room(lines * 12f + 2);
            for (int l = 0; l < lines; l++) {
                y -= 12f;
                float x = MARGIN;
                for (int i = 0; i < widths.length; i++) {
                    if (l < wrapped.get(i).size()) {
                        at(font, 9, x, wrapped.get(i).get(l));
                    }
                    x += widths[i];
                }
            }
            y -= 2;
        }

        private void at(PDType1Font font, float size, float x, String s) {
            try {
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset(x, y);
                out.showText(s);
                out.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }

    /** Lines of at most {@code width} points, breaking at spaces (a word longer than the width is cut). */
    static List<String> wrap(PDType1Font font, float size, String text, float width) {
        String s = encodable(text == null ? "" : text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ", -1)) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (widthOf(font, size, tried) <= width) {
                line.setLength(0);
                line.append(tried);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (widthOf(font, size, rest) > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && widthOf(font, size, rest.substring(0, n)) > width) {
                    n--;
                }
                lines.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            line.append(rest);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float widthOf(PDType1Font font, float size, String s) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            return s.length() * size * 0.6f;
        }
    }

    /** What the standard fonts' encoding (WinAnsi) can show: other characters become '?', controls spaces. */
    static String encodable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32) {
                b.append(' ');
            } else if (c < 127 || (c >= 160 && c <= 255)) {
                b.append(c);
            } else {
                b.append(switch (c) {
                    case '\u2013', '\u2014' -> '-';
                    case '\u2018', '\u2019' -> '\'';
                    case '\u201c', '\u201d' -> '"';
                    default -> '?';
                });
            }
        }
        return b.toString();
    }
}
