package io.vigil.cases.containment;

import io.vigil.cases.observable.Observable;
import java.util.Locale;

/**
 * What a playbook step does, what it acts on (a type of the case's observables) and how the tenant's
 * containment policy gates it: a containment action runs unasked only where the tenant pre-approved it (the
 * policy names it as tenant-service does); an undo restores and never waits for approval.
 */
public enum Action {
    ISOLATE_HOST(Observable.Type.HOST, "ISOLATE_HOST"),
    RELEASE_HOST(Observable.Type.HOST, null),
    DISABLE_ACCOUNT(Observable.Type.USER, "DISABLE_ACCOUNT"),
    ENABLE_ACCOUNT(Observable.Type.USER, null),
    REVOKE_SESSIONS(Observable.Type.USER, "REVOKE_SESSIONS"),
    RESET_CREDENTIALS(Observable.Type.USER, "RESET_PASSWORD"),
    BLOCK_IP(Observable.Type.IP, "BLOCK_IP"),
    BLOCK_DOMAIN(Observable.Type.DOMAIN, "BLOCK_DOMAIN"),
    BLOCK_HASH(Observable.Type.FILE_HASH, "BLOCK_HASH"),
    QUARANTINE_FILE(Observable.Type.FILE_HASH, "QUARANTINE_FILE"),
    /** Vigil's own step: patch tasks for the known-exploited and critical CVEs open on the host; no connector. */
    PATCH_VULNERABILITIES(Observable.Type.HOST, null),
    /** Vigil's own, on the case: adds the step's task to the case. */
    CREATE_TASK(null, null),
    /** Vigil's own, on the case: tells the client (its portal, recorded as a communication from the template). */
    NOTIFY(null, null);

    /** The observable type a step's targets are taken from; null for an action on the case itself. */
    public final Observable.Type target;
    /** The action's name in the tenant's containment policy; null for an undo, which is never gated. */
    public final String policyName;

    Action(Observable.Type target, String policyName) {
        this.target = target;
        this.policyName = policyName;
    }

    public boolean gated() {
        return policyName != null;
    }

    /** Carried out by Vigil itself when the run starts, not sent through a connector to the client's systems. */
    public boolean internal() {
        return this == PATCH_VULNERABILITIES || this == CREATE_TASK || this == NOTIFY;
    }

    /** The playbook file's spelling ({@code isolate_host}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action of(String wire) {
        try {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown action '" + wire + "'");
        }
    }
}
