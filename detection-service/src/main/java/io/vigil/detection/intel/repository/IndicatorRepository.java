package io.vigil.detection.intel.repository;

import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The SQL of threat-intel indicators: provider-wide ones (no tenant) and each tenant's own. */
@ApplicationScoped
public class IndicatorRepository {

    private final EntityManager em;

    public IndicatorRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds the indicator, or refreshes the one with the same type, value and source. */
    public void upsert(UUID tenantId, Indicator i, String source, Instant importedAt) {
        em.createNativeQuery("insert into indicators (id, tenant_id, type, value, name, source, context, valid_from,"
                        + " valid_until, imported_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                        + " on conflict (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'), type, value, source)"
                        + " do update set name = excluded.name, context = excluded.context, valid_from = excluded.valid_from,"
                        + " valid_until = excluded.valid_until, imported_at = excluded.imported_at")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, tenantId)
                .setParameter(3, i.type().name())
                .setParameter(4, i.value())
                .setParameter(5, i.name())
                .setParameter(6, source)
                .setParameter(7, i.context())
                .setParameter(8, i.validFrom() == null ? null : Timestamp.from(i.validFrom()))
                .setParameter(9, i.validUntil() == null ? null : Timestamp.from(i.validUntil()))
                .setParameter(10, Timestamp.from(importedAt))
                .executeUpdate();
    }

    /** Deletes by value, and by type and source when given; returns how many went. */
    public int delete(UUID tenantId, String value, String type, String source) {
        return em.createNativeQuery("delete from indicators where tenant_id is not distinct from ?1 and value = ?2"
                        + " and (cast(?3 as text) is null or type = ?3) and (cast(?4 as text) is null or source = ?4)")
                .setParameter(1, tenantId).setParameter(2, value.strip())
                .setParameter(3, type == null ? null : type.toUpperCase(Locale.ROOT)).setParameter(4, source)
                .executeUpdate();
    }

    /** The provider-wide indicators and the tenant's own. */
    @SuppressWarnings("unchecked")
    public List<Indicator> forTenant(UUID tenantId) {
        List<Object[]> rows = em.createNativeQuery("select type, value, name, source, context, valid_from, valid_until"
                + " from indicators where tenant_id is null or tenant_id = ?1").setParameter(1, tenantId).getResultList();
        List<Indicator> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Indicator(Indicator.Type.valueOf((String) r[0]), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], Sql.instant(r[5]), Sql.instant(r[6])));
        }
        return out;
    }
}
