package io.vigil.tenant.sla.rest;

import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.sla.SlaTargets;
import java.util.Map;
import java.util.UUID;

/** A tenant's SLA per severity, each with where it comes from: its own contract or the provider default. */
public record EffectiveSla(UUID tenantId, Map<Severity, Target> targets) {

    public enum Source {
        TENANT, PROVIDER
    }

    public record Target(SlaTargets targets, Source source) {
    }
}
