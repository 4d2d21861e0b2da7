package io.vigil.cases.sla.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.sla.CaseClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The clocks of cases. */
@ApplicationScoped
public class ClockRepository implements PanacheRepositoryBase<CaseClock, UUID> {

    public List<CaseClock> ofCase(UUID caseId) {
        return list("caseId = ?1 order by startedAt, kind", caseId);
    }

    /** Running clocks whose warning or deadline has come by {@code now}, soonest first. */
    public List<CaseClock> due(Instant now, int limit) {
        return find("status = ?1 and ((not breached and dueAt <= ?2) or (not atRisk and atRiskAt <= ?2)) order by dueAt",
                CaseClock.Status.RUNNING, now).page(0, limit).list();
    }

    /** The regulatory notifications recorded for a case, in the order they were sent. */
    public List<io.vigil.cases.sla.RegulatoryNotification> notificationsOf(UUID caseId) {
        return getEntityManager().createQuery("select n from RegulatoryNotification n where n.caseId = ?1 order by n.sentAt",
                io.vigil.cases.sla.RegulatoryNotification.class).setParameter(1, caseId).getResultList();
    }

    public void record(io.vigil.cases.sla.RegulatoryNotification n) {
        getEntityManager().persist(n);
    }
}
