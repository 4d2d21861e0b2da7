package io.vigil.cases.containment.repository;

import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.PlaybookStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Playbook runs and their steps. */
@ApplicationScoped
public class RunRepository {

    /** A step the driver may send now. */
    public record Runnable(UUID runId, int position) {
    }

    private final EntityManager em;

    public RunRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Object o) {
        em.persist(o);
    }

    public PlaybookRun run(UUID id) {
        return em.find(PlaybookRun.class, id);
    }

    public PlaybookRun lockRun(UUID id) {
        return em.find(PlaybookRun.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<PlaybookRun> ofCase(UUID caseId) {
        return em.createQuery("from PlaybookRun where caseId = ?1 order by startedAt, id", PlaybookRun.class)
                .setParameter(1, caseId).getResultList();
    }

    public List<PlaybookStep> steps(UUID runId) {
        return em.createQuery("from PlaybookStep where key.runId = ?1 order by key.position", PlaybookStep.class)
                .setParameter(1, runId).getResultList();
    }

    /** Steps waiting for the client's approval since before {@code before}, oldest wait first. */
    public List<PlaybookStep> waitingSince(java.time.Instant before, int max) {
        return em.createQuery("from PlaybookStep where status = ?1 and waitingSince < ?2 order by waitingSince",
                PlaybookStep.class).setParameter(1, PlaybookStep.Status.WAITING_APPROVAL).setParameter(2, before)
                .setMaxResults(max).getResultList();
    }

    /**
     * Steps whose turn has come: pending, in a running run, every earlier step finished; and steps left RUNNING
     * by a service that stopped mid-send (sent again under the same idempotency key). Oldest runs first.
     */
    @SuppressWarnings("unchecked")
    public List<Runnable> runnable(int max) {
        List<Object[]> rows = em.createNativeQuery("select s.run_id, s.position from playbook_steps s"
                + " join playbook_runs r on r.id = s.run_id where r.status = 'RUNNING'"
                + " and (s.status = 'PENDING' or (s.status = 'RUNNING' and s.started_at < now() - interval '2 minutes'))"
                + " and not exists (select 1 from playbook_steps p where p.run_id = s.run_id and p.position < s.position"
                + " and p.status in ('PENDING', 'WAITING_APPROVAL', 'RUNNING'))"
                + " order by r.started_at, s.position limit ?1").setParameter(1, max).getResultList();
        return rows.stream().map(r -> new Runnable((UUID) r[0], ((Number) r[1]).intValue())).toList();
    }
}
