package io.vigil.detection.tuning.repository;

import io.vigil.detection.support.Sql;
import io.vigil.detection.tuning.rest.FilterResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of each tenant's Sigma filters (its exceptions) and their counts of dropped matches. */
@ApplicationScoped
public class FilterRepository {

    /** A filter's id and YAML, for compiling. */
    public record FilterSource(String id, String yaml) {
    }

    private final EntityManager em;

    public FilterRepository(EntityManager em) {
        this.em = em;
    }

    public void upsert(UUID tenantId, String id, String title, List<String> rules, String yaml) {
        em.createNativeQuery("insert into tenant_filters (tenant_id, id, title, rules, yaml, created_at, updated_at)"
                + " values (:t, :i, :ti, cast(:r as text[]), :y, now(), now()) on conflict (tenant_id, id) do update"
                + " set title = excluded.title, rules = excluded.rules, yaml = excluded.yaml, updated_at = now()")
                .setParameter("t", tenantId).setParameter("i", id).setParameter("ti", title)
                .setParameter("r", Sql.textArray(rules)).setParameter("y", yaml).executeUpdate();
    }

    /** True when there was such a filter. */
    public boolean delete(UUID tenantId, String id) {
        return em.createNativeQuery("delete from tenant_filters where tenant_id = :t and id = :i")
                .setParameter("t", tenantId).setParameter("i", id).executeUpdate() > 0;
    }

    /** Adds {@code n} dropped matches, the last at {@code last}, to the filter's counts. */
    public void addDropped(UUID tenantId, String id, long n, Instant last) {
        em.createNativeQuery("update tenant_filters set filtered = filtered + :n,"
                + " last_filtered = greatest(last_filtered, :at) where tenant_id = :t and id = :i")
                .setParameter("n", n).setParameter("at", Timestamp.from(last)).setParameter("t", tenantId)
                .setParameter("i", id).executeUpdate();
    }

    public List<FilterSource> sources(UUID tenantId) {
        List<FilterSource> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("select id, yaml from tenant_filters where tenant_id = :t")
                .setParameter("t", tenantId).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new FilterSource((String) r[0], (String) r[1]));
        }
        return out;
    }

    /** The tenant's filters (or the one of that id), by id. */
    public List<FilterResponse> list(UUID tenantId, String id) {
        Query q = em.createNativeQuery("select id, title, array_to_string(rules, '\u0001'), yaml,"
                + " filtered, last_filtered, created_at, updated_at from tenant_filters where tenant_id = :t"
                + (id == null ? "" : " and id = :i") + " order by id").setParameter("t", tenantId);
        if (id != null) {
            q.setParameter("i", id);
        }
        List<FilterResponse> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new FilterResponse(tenantId, (String) r[0], (String) r[1], List.of(((String) r[2]).split("\u0001")),
                    (String) r[3], ((Number) r[4]).longValue(), Sql.instant(r[5]), Sql.instant(r[6]), Sql.instant(r[7])));
        }
        return out;
    }
}
