package io.vigil.cases.observable.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.observable.Observable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ObservableRepository implements PanacheRepositoryBase<Observable, UUID> {

    /** A related case and the observables it shares with the case asked about. */
    public record Shared(UUID caseId, String type, String value) {
    }

    public List<Observable> ofCase(UUID caseId) {
        return list("caseId = ?1 order by type, value", caseId);
    }

    public Observable find(UUID caseId, String type, String value) {
        return find("caseId = ?1 and type = ?2 and value = ?3", caseId, type, value).firstResult();
    }

    /** The tenant's other cases holding any of this case's observables, and which ones. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<Shared>> related(UUID tenantId, UUID caseId) {
        List<Object[]> rows = getEntityManager().createNativeQuery("select o2.case_id, o2.type, o2.value"
                + " from case_observables o1 join case_observables o2 on o2.tenant_id = o1.tenant_id"
                + " and o2.type = o1.type and o2.value = o1.value and o2.case_id <> o1.case_id"
                + " where o1.case_id = ?1 and o1.tenant_id = ?2 order by o2.case_id, o2.type, o2.value")
                .setParameter(1, caseId).setParameter(2, tenantId).getResultList();
        Map<UUID, List<Shared>> out = new LinkedHashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Shared((UUID) r[0], (String) r[1], (String) r[2]));
        }
        return out;
    }

    /** In how many other tenants' cases the observable appears (a count, through the owner's function). */
    public int otherTenants(String type, String value, UUID tenantId) {
        return ((Number) getEntityManager().createNativeQuery("select observable_prevalence(?1, ?2, ?3)")
                .setParameter(1, type).setParameter(2, value).setParameter(3, tenantId).getSingleResult()).intValue();
    }
}
