package io.vigil.detection.pipeline.gate;

/**
 * One step between a rule matching an event and its alert: a tenant's exception, a rule switched off for the
 * tenant, a suppression window... Each gate answers whether the match goes on to the next; the first that
 * says no stops it. Gates run in the order of {@code vigil.detection.pipeline.gates}, by {@link #name()}.
 */
public interface Gate {

    /** The name {@code vigil.detection.pipeline.gates} lists it by. */
    String name();

    /** True when the match goes on; false drops it (it raises no alert of its own). */
    boolean admit(Match match);
}
