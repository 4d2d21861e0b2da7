package io.vigil.detection.tuning.repository;

import io.vigil.detection.support.Sql;
import io.vigil.detection.tuning.rest.RuleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The SQL of each tenant's rule enablement. */
@ApplicationScoped
public class RuleSettingsRepository {

    private final EntityManager em;

    public RuleSettingsRepository(EntityManager em) {
        this.em = em;
    }

    public void upsert(UUID tenantId, RuleSettings s) {
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
    }

    /** The tenant's settings; empty when it has none (every rule is on). */
    public Optional<RuleSettings> find(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select min_level, array_to_string(statuses, '\u0001'),"
                + " array_to_string(disabled_tags, '\u0001'), array_to_string(disabled_rules, '\u0001'),"
                + " array_to_string(disabled_packs, '\u0001')"
                + " from tenant_rule_settings where tenant_id = :t").setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new RuleSettings((String) r[0], list(r[1]),
                list(r[2]).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(), list(r[3]), list(r[4])));
    }

    private static List<String> list(Object joined) {
        String s = (String) joined;
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\u0001"));
    }
}
