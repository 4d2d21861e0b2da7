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
     * step tells (CLIENT_IT when absent), {@code note} what it adds to the audience's template; {@code timeoutSeconds}
     * how long the client's system may take to answer one attempt.
     */
    public record Step(Action action, String connector, OnFailure onFailure, String title, String audience, String note,
            int timeoutSeconds) {
        public Step(Action action, String connector, OnFailure onFailure) {
            this(action, connector, onFailure, null, null, null, DEFAULT_TIMEOUT_SECONDS);
        }
    }

    /** How long a connector may take to answer one attempt of a step, unless the step says (timeoutSeconds, 1 to 120). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
}
