package io.vigil.cases.containment;

import java.util.List;

/**
 * A playbook: ordered steps, each one action on the case's targets of the action's kind, sent through a named
 * connector of the tenant. Data, versioned: a run records the name and version it followed.
 */
public record Playbook(String name, int version, String title, String description, List<Step> steps) {

    /** What to do when a step fails: stop the run, or go on with the next step. */
    public enum OnFailure {
        STOP, CONTINUE
    }

    public record Step(Action action, String connector, OnFailure onFailure) {
    }
}
