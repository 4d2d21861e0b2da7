package io.vigil.cases.containment.connector;

import io.vigil.cases.containment.Action;
import java.util.UUID;

/**
 * Where a step's action goes: a kind of connector (chosen by the tenant's connector configuration) that
 * carries one action on one target to the client's tool and says how it went.
 */
public interface Connector {

    /** The configuration's {@code kind} this connector serves. */
    String kind();

    /** What the tool answered: success, or why not. */
    record Outcome(boolean succeeded, String detail) {
    }

    /** One action for the tool; {@code idempotencyKey} is the same on every retry of the step. */
    record Request(UUID tenantId, UUID caseId, long caseNumber, UUID runId, int step, Action action, String target,
            String idempotencyKey) {
    }

    Outcome send(String url, Request request);
}
