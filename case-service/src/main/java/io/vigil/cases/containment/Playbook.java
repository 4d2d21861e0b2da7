package io.vigil.cases.containment;

import java.util.List;

/**
 * A playbook: ordered steps, each one action on the case's targets of the action's kind, sent through a named
 * connector of the tenant. Data, versioned: a run records the name and version it followed.
 */
public record Playbook(String name, int version, String title, String description, List<Step> steps) {

    /** What to do when a step fails: stop the run, go on with the next step, or ask the SOC (retry, continue, stop). */
    public enum OnFailure {
        STOP, CONTINUE, ASK
    }

    /**
     * One step; {@code title} is the task a {@code create_task} step adds, {@code audience} whom a {@code notify}
     * step tells (CLIENT_IT when absent), {@code note} what it adds to the audience's template.
     */
    public record Step(Action action, String connector, OnFailure onFailure, String title, String audience, String note) {
        public Step(Action action, String connector, OnFailure onFailure) {
            this(action, connector, onFailure, null, null, null);
        }
    }
}
