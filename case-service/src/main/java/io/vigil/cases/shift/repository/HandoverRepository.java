package io.vigil.cases.shift.repository;

import io.vigil.cases.shift.Handover;
import io.vigil.cases.shift.HandoverItem;
import io.vigil.cases.shift.Shift;
import io.vigil.cases.shift.rest.TenantHandover;
import io.vigil.cases.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Shifts, handovers and the live state of the clients a handover covers. */
@ApplicationScoped
public class HandoverRepository {

    /** Lines of one list per tenant in a handover (the soonest first). */
    private static final int LINES = 50;
    /** The tenant set in SQL as well as in row-level security ({@code app.tenant_ids} form). */
    private static final String TENANTS = "(:tenants = '*' or tenant_id = any (cast(string_to_array(:tenants, ',') as uuid[])))";

    private final EntityManager em;

    public HandoverRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Shift> shift(String name) {
        return Optional.ofNullable(em.find(Shift.class, name));
    }

    public List<Shift> shifts() {
        return em.createQuery("from Shift order by name", Shift.class).getResultList();
    }

    public void save(Object row) {
        if (!em.contains(row)) {
            em.persist(row);
        }
    }

    public void flush() {
        em.flush();
    }

    public Optional<Handover> handover(UUID id) {
        return Optional.ofNullable(em.find(Handover.class, id));
    }

    public List<Handover> handovers(String shift, int limit) {
        return em.createQuery("from Handover where shift = ?1 order by createdAt desc", Handover.class)
                .setParameter(1, shift).setMaxResults(limit).getResultList();
    }

    /** The stored handover's items the caller may read (the tenant filter and row-level security decide). */
    public List<HandoverItem> items(UUID handoverId) {
        return em.createQuery("from HandoverItem where key.handoverId = ?1", HandoverItem.class)
                .setParameter(1, handoverId).getResultList();
    }

    /** Every client of the tenant set with open work: open cases, SLA at risk or breached, regulatory clocks. */
    @SuppressWarnings("unchecked")
    public List<TenantHandover> state(String tenants) {
        Map<UUID, Map<String, Long>> bySeverity = new TreeMap<>();
        Map<UUID, Long> unassigned = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select tenant_id, severity, count(*),"
                + " count(*) filter (where assignee is null) from cases where status not in ('RESOLVED', 'CLOSED') and "
                + TENANTS + " group by tenant_id, severity").setParameter("tenants", tenants).getResultList()) {
            UUID t = (UUID) r[0];
            bySeverity.computeIfAbsent(t, k -> new TreeMap<>()).put((String) r[1], ((Number) r[2]).longValue());
            unassigned.merge(t, ((Number) r[3]).longValue(), Long::sum);
        }
        Map<UUID, List<TenantHandover.CaseLine>> atRisk = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select tenant_id, id, number, title, severity, sla_state,"
                + " sla_due_at, assignee from (select *, row_number() over (partition by tenant_id order by sla_urgency desc)"
                + " as n from cases where status not in ('RESOLVED', 'CLOSED') and sla_state in ('AT_RISK', 'BREACHED') and "
                + TENANTS + ") x where n <= " + LINES + " order by tenant_id, n").setParameter("tenants", tenants).getResultList()) {
            atRisk.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new TenantHandover.CaseLine((UUID) r[1],
                    ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5], Sql.instant(r[6]), (String) r[7]));
        }
        Map<UUID, List<TenantHandover.RegulatoryLine>> regulatory = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select k.tenant_id, k.case_id, c.number, k.regime, k.kind,"
                + " k.due_at, k.at_risk, k.breached from case_clocks k join cases c on c.id = k.case_id"
                + " where k.family = 'REGULATORY' and k.status = 'RUNNING' and "
                + TENANTS.replace("tenant_id", "k.tenant_id") + " order by k.due_at").setParameter("tenants", tenants)
                .getResultList()) {
            regulatory.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new TenantHandover.RegulatoryLine(
                    (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3], (String) r[4], Sql.instant(r[5]),
                    (Boolean) r[6], (Boolean) r[7]));
        }
        List<UUID> all = new ArrayList<>(bySeverity.keySet());
        regulatory.keySet().stream().filter(t -> !bySeverity.containsKey(t)).forEach(all::add);
        Map<UUID, String> names = new LinkedHashMap<>();
        if (!all.isEmpty()) {
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select tenant_id, name from tenant_profiles"
                    + " where tenant_id = any (cast(string_to_array(:ids, ',') as uuid[]))")
                    .setParameter("ids", String.join(",", all.stream().map(UUID::toString).toList())).getResultList()) {
                names.put((UUID) r[0], (String) r[1]);
            }
        }
        List<TenantHandover> out = new ArrayList<>();
        for (UUID t : all) {
            Map<String, Long> sev = bySeverity.getOrDefault(t, Map.of());
            out.add(new TenantHandover(t, names.get(t), sev.values().stream().mapToLong(Long::longValue).sum(), sev,
                    unassigned.getOrDefault(t, 0L), atRisk.getOrDefault(t, List.of()), regulatory.getOrDefault(t, List.of())));
        }
        return out;
    }
}
