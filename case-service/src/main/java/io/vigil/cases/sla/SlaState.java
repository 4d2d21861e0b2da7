package io.vigil.cases.sla;

/** Where a case stands against its clocks: the worst of them (breached over at risk over on track). */
public enum SlaState {
    /** No clock (no SLA target for its severity). */
    NONE,
    ON_TRACK,
    AT_RISK,
    BREACHED,
    /** Every clock stopped in time. */
    MET
}
