package io.vigil.reporting.workload.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who carries the SOC's load: the cases opened in a period over the caller's tenants ({@code tenants}: comma
 * separated ids or '*', besides row-level security), by assignee, tier, hour of the provider's day and the
 * client's own calendar.
 */
@ApplicationScoped
public class WorkloadStatements {

    private static final String SCOPE = "(?1 = '*' or c.tenant_id = any (cast(string_to_array(?1, ',') as uuid[])))"
            + " and c.created_at >= ?2 and c.created_at < ?3";

    public record AnalystRow(String assignee, long cases, long open, long closed, long critical, long tier1, long tier2,
            long tier3) {
    }

    public record TierRow(int tier, long cases, long open, long critical) {
    }

    public record HourRow(int hour, long cases, long critical) {
    }

    public record ClientRow(UUID tenantId, String name, String socModel, String timeZone, long cases, long nights,
            long weekends) {
    }

    private final EntityManager em;

    public WorkloadStatements(EntityManager em) {
        this.em = em;
    }

    public List<AnalystRow> analysts(String tenants, Instant from, Instant to) {
        return rows("select c.assignee, count(*), count(*) filter (where c.status not in ('RESOLVED', 'CLOSED')),"
                + " count(*) filter (where c.status = 'CLOSED'), count(*) filter (where c.severity = 'CRITICAL'),"
                + " count(*) filter (where c.tier = 1), count(*) filter (where c.tier = 2), count(*) filter (where c.tier = 3)"
                + " from case_facts c where " + SCOPE + " group by c.assignee order by count(*) desc, c.assignee nulls last",
                tenants, from, to).stream().map(r -> new AnalystRow((String) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]),
                        n(r[5]), n(r[6]), n(r[7]))).toList();
    }

    public List<TierRow> tiers(String tenants, Instant from, Instant to) {
        return rows("select c.tier, count(*), count(*) filter (where c.status not in ('RESOLVED', 'CLOSED')),"
                + " count(*) filter (where c.severity = 'CRITICAL') from case_facts c where " + SCOPE
                + " group by c.tier order by c.tier", tenants, from, to).stream()
                .map(r -> new TierRow((int) n(r[0]), n(r[1]), n(r[2]), n(r[3]))).toList();
    }

    /** Cases by the hour they were opened at on the provider's clock ({@code zone}). */
    @SuppressWarnings("unchecked")
    public List<HourRow> hours(String tenants, Instant from, Instant to, String zone) {
        List<Object[]> rows = em.createNativeQuery("select cast(extract(hour from c.created_at at time zone ?4) as int),"
                + " count(*), count(*) filter (where c.severity = 'CRITICAL') from case_facts c where " + SCOPE
                + " group by 1").setParameter(1, tenants).setParameter(2, from).setParameter(3, to).setParameter(4, zone)
                .getResultList();
        return rows.stream().map(r -> new HourRow((int) n(r[0]), n(r[1]), n(r[2]))).toList();
    }

    /**
     * Per client, its cases opened at night (20:00 to 08:00 on a weekday) and at the weekend, on the client's own
     * calendar: the hours its own team, if it has one, is not there.
     */
    public List<ClientRow> clients(String tenants, Instant from, Instant to) {
        String local = "(c.created_at at time zone t.time_zone)";
        return rows("select t.tenant_id, t.name, t.soc_model, t.time_zone, count(c.case_id),"
                + " count(c.case_id) filter (where extract(isodow from " + local + ") < 6 and (extract(hour from " + local
                + ") >= 20 or extract(hour from " + local + ") < 8)),"
                + " count(c.case_id) filter (where extract(isodow from " + local + ") >= 6)"
                + " from tenant_facts t join case_facts c on c.tenant_id = t.tenant_id and " + SCOPE
                + " group by t.tenant_id, t.name, t.soc_model, t.time_zone", tenants, from, to).stream()
                .map(r -> new ClientRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], n(r[4]), n(r[5]), n(r[6])))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String tenants, Instant from, Instant to) {
        return em.createNativeQuery(sql).setParameter(1, tenants).setParameter(2, from).setParameter(3, to).getResultList();
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
