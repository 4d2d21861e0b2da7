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
    /** One attempt of a step; {@code timeout} bounds how long the client's system may take to answer it. */
    record Request(UUID tenantId, UUID caseId, long caseNumber, UUID runId, int step, Action action, String target,
            String idempotencyKey, java.time.Duration timeout) {
    }

    /** A tenant's configuration of the connector: where, its settings, and its opened credential (or null). */
    record Config(String url, com.fasterxml.jackson.databind.JsonNode settings, String secret) {

        /** A setting the connector needs, or why not. */
        public String setting(String name) {
            String v = settings == null ? null : settings.path(name).asText(null);
            if (v == null || v.isBlank()) {
                throw new MissingSetting(name);
            }
            return v;
        }
    }

    /** A configuration lacks a setting the action needs. */
    final class MissingSetting extends RuntimeException {
        public MissingSetting(String name) {
            super("the connector's settings have no '" + name + "'");
        }
    }

    Outcome send(Config config, Request request);
}
