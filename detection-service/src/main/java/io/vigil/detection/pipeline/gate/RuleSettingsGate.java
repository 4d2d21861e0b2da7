package io.vigil.detection.pipeline.gate;

import io.vigil.detection.tuning.service.TenantRuleSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** Rules a tenant switched off (by level, status, tag, pack or id). */
@ApplicationScoped
public class RuleSettingsGate implements Gate {

    private final TenantRuleSettings settings;

    public RuleSettingsGate(TenantRuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "rule-settings";
    }

    @Override
    public boolean admit(Match m) {
        return settings.enabled(m.tenantId(), m.rule(), m.catalog().packs().get(m.rule().id()));
    }
}
