package io.vigil.detection.pipeline.gate;

import io.vigil.detection.tuning.service.TenantFilters;
import jakarta.enterprise.context.ApplicationScoped;

/** A tenant's exceptions (Sigma filters): a filtered match is as if the rule had not matched at all. */
@ApplicationScoped
public class TenantFilterGate implements Gate {

    private final TenantFilters filters;

    public TenantFilterGate(TenantFilters filters) {
        this.filters = filters;
    }

    @Override
    public String name() {
        return "tenant-filters";
    }

    @Override
    public boolean admit(Match m) {
        return filters.admit(m.tenantId(), m.rule(), m.event(), m.eventTime());
    }
}
