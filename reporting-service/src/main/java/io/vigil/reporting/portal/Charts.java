package io.vigil.reporting.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The portal's charts, drawn on the server as SVG: nothing to download from elsewhere, readable without
 * scripts, and each with its figures in words for screen readers (and a table beside it on the page).
 */
public final class Charts {

    /** Drawing area of a bar chart, in SVG user units (the SVG scales to its box). */
    static final int WIDTH = 600;
    static final int BASELINE = 190;
    static final int TOP = 20;

    private Charts() {
    }

    /** One bar, its place computed here so templates only copy numbers. */
    public record Bar(String label, long value, long part, int x, int y, int width, int height, int partY, int partHeight,
            int labelX, int valueY) {
    }

    /** A bar chart: bars of a total with a highlighted part (cases, of which high or critical). */
    public record BarChart(String title, String description, List<Bar> bars, long max) {
    }

    /** A ring gauge: {@code percent} of the ring filled; null when nothing was measured. */
    public record Gauge(String label, Double percent, String figure, String words, String tone) {

        public String dash() {
            return percent == null ? "0 100" : String.format(Locale.ROOT, "%.1f %.1f", percent, 100 - percent);
        }
    }

    public static BarChart bars(String title, List<String> labels, List<Long> values, List<Long> parts) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int n = Math.max(1, labels.size());
        int slot = WIDTH / n;
        int width = Math.max(8, slot * 3 / 5);
        List<Bar> bars = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            long v = values.get(i);
            long p = parts == null ? 0 : parts.get(i);
            int h = (int) Math.round((double) v / max * (BASELINE - TOP));
            int ph = (int) Math.round((double) p / max * (BASELINE - TOP));
            int x = i * slot + (slot - width) / 2;
            bars.add(new Bar(labels.get(i), v, p, x, BASELINE - h, width, h, BASELINE - ph, ph, x + width / 2, BASELINE - h - 4));
            words.append(i == 0 ? "" : "; ").append(labels.get(i)).append(": ").append(v);
            if (parts != null) {
                words.append(" (").append(p).append(" high or critical)");
            }
        }
        return new BarChart(title, title + ". " + words, bars, max);
    }

    /** A compliance gauge: met / (met + breached), green from 95 %, amber from 80 %, red below. */
    public static Gauge compliance(String label, Double ratio, long met, long breached) {
        if (ratio == null) {
            return new Gauge(label, null, "n/a", label + ": nothing measured yet", "none");
        }
        double pct = Math.round(ratio * 1000) / 10.0;
        String tone = pct >= 95 ? "good" : pct >= 80 ? "warn" : "bad";
        return new Gauge(label, pct, String.format(Locale.ROOT, "%.1f %%", pct),
                String.format(Locale.ROOT, "%s: %.1f %% kept (%d met, %d breached)", label, pct, met, breached), tone);
    }
}
