package io.vigil.cases.triage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.triage.Case;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cases: the queue's queries, grouping lookups and per-tenant numbering. */
@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<Case, UUID> {

    /**
     * The queue's orders, each a key read descending and then the id. SLA: the soonest deadline of a running
     * clock first (breached ones, whose deadline passed, on top), cases without one last.
     */
    public enum Sort {
        SLA("c.slaUrgency"), PRIORITY("c.priority"), SEVERITY("(c.severityRank * 1000 + c.priority)"), CREATED("c.createdAt"),
        UPDATED("c.updatedAt");

        final String key;

        Sort(String key) {
            this.key = key;
        }
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

    /** One page of the queue after the keyset position ({@code afterKey}, {@code afterId}). */
    public List<Case> queue(CaseFilter f, Sort sort, Object afterKey, UUID afterId, int limit) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder q = where(f, p);
        if (afterKey != null) {
            q.append(" and (").append(sort.key).append(" < :k or (").append(sort.key).append(" = :k and c.id < :id))");
            p.put("k", afterKey);
            p.put("id", afterId);
        }
        q.append(" order by ").append(sort.key).append(" desc, c.id desc");
        var query = getEntityManager().createQuery("select c from Case c where " + q, Case.class);
        p.forEach(query::setParameter);
        // A page is read to be shown: no snapshots for dirty checking.
        return query.setHint("org.hibernate.readOnly", true).setMaxResults(limit).getResultList();
    }

    /**
     * How many cases the filter admits (the queue's X-Total-Count), counted up to {@code cap + 1}: past the cap
     * the exact figure costs a scan of every matching row, which a queue of a hundred clients cannot pay on
     * every page.
     */
    public long count(CaseFilter f, int cap) {
        Map<String, Object> p = new HashMap<>();
        var query = getEntityManager().createQuery("select c.id from Case c where " + where(f, p), UUID.class);
        p.forEach(query::setParameter);
        return query.setMaxResults(cap + 1).getResultList().size(); // unordered: PostgreSQL stops at the cap
    }

    /** The sort key of a case, as {@link #queue} compares it. */
    public static Object keyOf(Case c, Sort sort) {
        return switch (sort) {
            case SLA -> c.slaUrgency;
            case PRIORITY -> c.priority;
            case SEVERITY -> c.severityRank * 1000 + c.priority;
            case CREATED -> c.createdAt;
            case UPDATED -> c.updatedAt;
        };
    }

    private static StringBuilder where(CaseFilter f, Map<String, Object> p) {
        StringBuilder q = new StringBuilder("1 = 1");
        if (f.tenantIds() != null && !f.tenantIds().isEmpty()) {
            q.append(" and c.tenantId in :tenants");
            p.put("tenants", f.tenantIds());
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            q.append(" and c.status in :statuses");
            p.put("statuses", f.statuses());
        }
        if (f.severities() != null && !f.severities().isEmpty()) {
            q.append(" and c.severity in :severities");
            p.put("severities", f.severities());
        }
        if (f.assignee() != null) {
            q.append(" and c.assignee = :assignee");
            p.put("assignee", f.assignee());
        }
        if (f.tier() != null) {
            q.append(" and c.tier = :tier");
            p.put("tier", f.tier());
        }
        if (f.ruleId() != null) {
            q.append(" and c.ruleId = :rule");
            p.put("rule", f.ruleId());
        }
        if (f.technique() != null) {
            q.append(" and array_contains(c.techniques, :technique)");
            p.put("technique", f.technique());
        }
        if (f.host() != null) {
            q.append(" and array_contains(c.hosts, :host)");
            p.put("host", f.host().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.slaStates() != null && !f.slaStates().isEmpty()) {
            q.append(" and c.slaState in :slaStates");
            p.put("slaStates", f.slaStates().stream().map(Enum::name).toList());
        }
        if (f.minPriority() != null) {
            q.append(" and c.priority >= :minPriority");
            p.put("minPriority", f.minPriority());
        }
        range(q, p, "c.createdAt", "createdFrom", f.createdFrom(), "createdTo", f.createdTo());
        range(q, p, "c.updatedAt", "updatedFrom", f.updatedFrom(), "updatedTo", f.updatedTo());
        return q;
    }

    private static void range(StringBuilder q, Map<String, Object> p, String field, String fromName, Instant from,
            String toName, Instant to) {
        if (from != null) {
            q.append(" and ").append(field).append(" >= :").append(fromName);
            p.put(fromName, from);
        }
        if (to != null) {
            q.append(" and ").append(field).append(" < :").append(toName);
            p.put(toName, to);
        }
    }
}
