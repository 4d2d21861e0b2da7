package io.vigil.detection.tuning.service;

import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.support.Sql;
import io.vigil.detection.tuning.rest.RuleSettings;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Per-tenant rule enablement (level, status, tags, ids), read on every match through a short cache. */
@ApplicationScoped
public class TenantRuleSettings {

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    private static final long CACHE_MILLIS = 5_000;

    private record Cached(RuleSettings settings, long at) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public TenantRuleSettings(EntityManager em, CurrentTenant current) {
        this.em = em;
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
        em.createNativeQuery("insert into tenant_rule_settings (tenant_id, min_level, statuses, disabled_tags,"
                + " disabled_rules, disabled_packs, updated_at) values (:t, :l, cast(:s as text[]), cast(:g as text[]),"
                + " cast(:r as text[]), cast(:p as text[]), now())"
                + " on conflict (tenant_id) do update set min_level = excluded.min_level, statuses = excluded.statuses,"
                + " disabled_tags = excluded.disabled_tags, disabled_rules = excluded.disabled_rules,"
                + " disabled_packs = excluded.disabled_packs, updated_at = now()")
                .setParameter("t", tenantId).setParameter("l", s.minLevel()).setParameter("s", Sql.textArray(s.statuses()))
                .setParameter("g", Sql.textArray(s.disabledTags())).setParameter("r", Sql.textArray(s.disabledRules()))
                .setParameter("p", Sql.textArray(s.disabledPacks().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList()))
                .executeUpdate();
        cache.remove(tenantId);
        return load(tenantId);
    }

    /** Whether the rule, of {@code pack}, raises alerts for the tenant (called in the raising transaction). */
    public boolean enabled(UUID tenantId, SigmaRule rule, String pack) {
        Cached c = cache.get(tenantId);
        long now = System.currentTimeMillis();
        if (c == null || now - c.at() > CACHE_MILLIS) {
            c = new Cached(load(tenantId), now);
            cache.put(tenantId, c);
        }
        RuleSettings s = c.settings();
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
        List<?> rows = em.createNativeQuery("select min_level, array_to_string(statuses, '\u0001'),"
                + " array_to_string(disabled_tags, '\u0001'), array_to_string(disabled_rules, '\u0001'),"
                + " array_to_string(disabled_packs, '\u0001')"
                + " from tenant_rule_settings where tenant_id = :t").setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return RuleSettings.ALL;
        }
        Object[] r = (Object[]) rows.get(0);
        return new RuleSettings((String) r[0], list(r[1]), list(r[2]).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(),
                list(r[3]), list(r[4]));
    }

    private static List<String> list(Object joined) {
        String s = (String) joined;
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\u0001"));
    }
}
