package io.vigil.cases.task.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.task.CaseTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<CaseTask, UUID> {

    public List<CaseTask> ofCase(UUID caseId) {
        return list("caseId = ?1 order by position", caseId);
    }

    /** The templates already applied to the case. */
    public Set<String> templatesOf(UUID caseId) {
        return Set.copyOf(getEntityManager().createQuery("select distinct t.template from CaseTask t where t.caseId = ?1"
                + " and t.template is not null", String.class).setParameter(1, caseId).getResultList());
    }

    public int nextPosition(UUID caseId) {
        Integer max = getEntityManager().createQuery("select max(t.position) from CaseTask t where t.caseId = ?1",
                Integer.class).setParameter(1, caseId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
