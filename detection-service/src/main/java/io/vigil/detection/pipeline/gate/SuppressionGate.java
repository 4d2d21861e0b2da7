package io.vigil.detection.pipeline.gate;

import io.vigil.detection.suppression.service.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;

/** The tenant's suppression windows: a repeat within the window of its group is counted, not raised. */
@ApplicationScoped
public class SuppressionGate implements Gate {

    private final Suppressions suppressions;

    public SuppressionGate(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public String name() {
        return "suppression";
    }

    @Override
    public boolean admit(Match m) {
        return suppressions.admit(m.tenantId(), m.rule().id(), m.event(), m.eventTime());
    }
}
