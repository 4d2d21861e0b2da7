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

    /** Open patch tasks of the tenant for these CVEs on the asset, in every case. */
    public List<CaseTask> openPatches(UUID tenantId, UUID assetId, java.util.Collection<String> cves) {
        if (cves.isEmpty()) {
            return List.of();
        }
        return list("tenantId = ?1 and assetId = ?2 and kind = ?3 and status = ?4 and cve in ?5", tenantId, assetId,
                CaseTask.Kind.PATCH, CaseTask.Status.OPEN, cves);
    }

    /** The CVE and asset pairs ("cve|asset") the case already has a patch task for. */
    public Set<String> patchesOf(UUID caseId) {
        Set<String> out = new java.util.HashSet<>();
        list("caseId = ?1 and kind = ?2", caseId, CaseTask.Kind.PATCH).forEach(t -> out.add(t.cve + "|" + t.assetId));
        return out;
    }
}
