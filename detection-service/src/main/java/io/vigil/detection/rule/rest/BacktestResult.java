package io.vigil.detection.rule.rest;

import java.util.List;
import java.util.UUID;

/**
 * What a rule would have raised over stored events: how many it looked at, how many matched, the first
 * matches, and whether it stopped at the limit before the end of the range.
 */
public record BacktestResult(String ruleId, String title, long evaluated, long matched, List<Match> firstMatches,
        boolean truncated) {

    public record Match(UUID tenantId, UUID eventId, java.time.Instant ts) {
    }
}
