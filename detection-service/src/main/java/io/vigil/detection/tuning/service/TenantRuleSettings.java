package io.vigil.detection.tuning.service;

import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.tuning.rest.RuleSettings;
import io.vigil.detection.tuning.repository.RuleSettingsRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Per-tenant rule enablement (level, status, tags, ids), read on every match through a short cache. */
@ApplicationScoped
public class TenantRuleSettings {

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private final RuleSettingsRepository store;
    private final CurrentTenant current;
    private final TenantCache<RuleSettings> cache = new TenantCache<>(java.time.Duration.ofSeconds(5));

    public TenantRuleSettings(RuleSettingsRepository store, CurrentTenant current) {
        this.store = store;
        this.current = current;
    }

    @Transactional
    public RuleSettings get(UUID tenantId) {
        current.requireVisible(tenantId);
        return load(tenantId);
    }

    @Transactional
    public RuleSettings set(UUID tenantId, RuleSettings s) {
        current.requireVisible(tenantId);
        store.upsert(tenantId, s);
        cache.invalidate(tenantId);
        return load(tenantId);
    }

    /** Whether the rule, of {@code pack}, raises alerts for the tenant (called in the raising transaction). */
    public boolean enabled(UUID tenantId, SigmaRule rule, String pack) {
        RuleSettings s = cache.get(tenantId, this::load);
        if (s == RuleSettings.ALL) {
            return true;
        }
        String level = rule.level() == null ? "medium" : rule.level().toLowerCase(Locale.ROOT);
        if (LEVELS.indexOf(level) < LEVELS.indexOf(s.minLevel())) {
            return false;
        }
        if (!s.statuses().isEmpty() && (rule.status() == null || !s.statuses().contains(rule.status()))) {
            return false;
        }
        if (s.disabledRules().contains(rule.id()) || s.disabledPacks().contains(pack)) {
            return false;
        }
        return rule.tags().stream().noneMatch(t -> s.disabledTags().contains(t.toLowerCase(Locale.ROOT)));
    }

    private RuleSettings load(UUID tenantId) {
        return store.find(tenantId).orElse(RuleSettings.ALL);
    }
}
