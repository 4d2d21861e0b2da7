package io.vigil.cases.triage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.triage.Case;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import java.util.List;
import java.util.UUID;

/** Cases: the queue's queries, grouping lookups and per-tenant numbering. */
@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<Case, UUID> {

    /**
     * The queue's orders, each a key read descending and then the id. SLA: the soonest deadline of a running
     * clock first (breached ones, whose deadline passed, on top), cases without one last.
     */
    public enum Sort {
        SLA, PRIORITY, SEVERITY, CREATED, UPDATED
    }

    /** The case, when the caller may see it; 404 otherwise, exactly as for a case that does not exist. */
    public Case findVisible(UUID id, io.vigil.platform.tenancy.TenantContext caller) {
        Case c = findById(id);
        if (c == null || !caller.allows(c.tenantId)) {
            throw new io.vigil.platform.errors.ProblemException.NotFound("no case " + id);
        }
        return c;
    }

    /** The next human-friendly number of the tenant's cases: 1, 2, 3 ... (a row lock serialises them). */
    public long nextNumber(UUID tenantId) {
        return ((Number) getEntityManager().createNativeQuery(
                "insert into case_numbers (tenant_id, last_number) values (?1, 1) on conflict (tenant_id)"
                        + " do update set last_number = case_numbers.last_number + 1 returning last_number")
                .setParameter(1, tenantId).getSingleResult()).longValue();
    }

    /** Holds the tenant's grouping key until the transaction ends, so two alerts cannot open two cases for it. */
    public void lockGroup(UUID tenantId, String key) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, tenantId + "|" + key).getSingleResult();
    }

    /** The tenant's most recently active case of this grouping key, if any. */
    public Case latestInGroup(UUID tenantId, String key) {
        return find("tenantId = ?1 and groupingKey = ?2 order by lastActivityAt desc", tenantId, key).firstResult();
    }

    /** The tenant's verdicts on this rule's alerts: [false positives, all verdicts]. */
    public long[] verdicts(UUID tenantId, String ruleId) {
        Object[] r = (Object[]) getEntityManager().createNativeQuery(
                "select count(*) filter (where verdict = 'FALSE_POSITIVE'), count(verdict) from alerts"
                        + " where tenant_id = ?1 and rule_id = ?2")
                .setParameter(1, tenantId).setParameter(2, ruleId).getSingleResult();
        return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
    }

    /**
     * One page of the queue after the keyset position ({@code afterKey}, {@code afterId}), and how many cases
     * the filter admits counted up to {@code countCap + 1} (the queue's X-Total-Count): past the cap the exact
     * figure costs a scan of every matching row, which a queue of a hundred clients cannot pay on every page.
     * The rows are detached: read to be shown, never written back.
     */
    public QueueStatements.Result queue(String tenantSetting, CaseFilter f, Sort sort, Object afterKey, UUID afterId,
            int limit, int countCap) {
        return getEntityManager().unwrap(Session.class).doReturningWork(conn -> QueueStatements.run(conn, tenantSetting,
                f, sort, afterKey, afterId, limit, countCap));
    }

    /** The sort key of a case, as the queue compares it. */
    public static Object keyOf(Case c, Sort sort) {
        return switch (sort) {
            case SLA -> c.slaUrgency;
            case PRIORITY -> c.priority;
            case SEVERITY -> c.severityRank * 1000 + c.priority;
            case CREATED -> c.createdAt;
            case UPDATED -> c.updatedAt;
        };
    }
}
