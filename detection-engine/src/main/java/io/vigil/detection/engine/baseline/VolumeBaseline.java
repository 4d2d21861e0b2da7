package io.vigil.detection.engine.baseline;

/**
 * Whether an hour's event count of one entity is unusual against what was learned: the mean and standard
 * deviation of its hourly counts over the learning window (quiet hours count as zero), an anomaly being a
 * count above {@code mean + sigmas * sd} (the deviation taken as at least 1, so a flat history still
 * tolerates noise) and at least {@code minCount}, so small hosts do not alert over a handful of events.
 */
public record VolumeBaseline(double sigmas, long minCount) {

    /** The learned figures of one entity and the verdict on one hour. */
    public record Verdict(boolean anomalous, double mean, double sd, double threshold) {
    }

    /**
     * @param count the hour's count
     * @param hours the hours of the learning window
     * @param sum   the sum of the counts in the window
     * @param sumOfSquares the sum of the squared counts in the window
     */
    public Verdict judge(long count, long hours, double sum, double sumOfSquares) {
        double mean = sum / hours;
        double variance = Math.max(0, sumOfSquares / hours - mean * mean);
        double sd = Math.sqrt(variance);
        double threshold = mean + sigmas * Math.max(sd, 1.0);
        return new Verdict(count > threshold && count >= minCount, mean, sd, threshold);
    }
}
