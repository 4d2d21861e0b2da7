package io.vigil.cases.sla.rest;

import io.vigil.cases.sla.CaseClock;
import java.time.Instant;
import java.util.UUID;

/**
 * A clock of a case as the API and {@code case.sla.*} messages show it. {@code countedMinutes} is counted
 * time (business minutes on a business-hours clock); time waiting on the customer is apart, in
 * {@code pausedMinutes}.
 */
public record ClockResponse(UUID id, CaseClock.Family family, CaseClock.Kind kind, String regime, int targetMinutes,
        CaseClock.Counting counting, State state, Instant startedAt, Instant atRiskAt, Instant dueAt, Instant stoppedAt,
        String stoppedBy, long countedMinutes, long pausedMinutes, boolean paused) {

    public enum State {
        ON_TRACK, AT_RISK, BREACHED, MET, CANCELLED
    }
}
