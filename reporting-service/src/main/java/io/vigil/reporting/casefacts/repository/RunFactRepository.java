package io.vigil.reporting.casefacts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.casefacts.RunFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RunFactRepository implements PanacheRepositoryBase<RunFact, UUID> {

    public List<RunFact> ofCase(UUID caseId) {
        return list("caseId = ?1 order by startedAt, runId", caseId);
    }

    /** The tenant's runs waiting for a decision of its admin, oldest first. */
    public List<RunFact> waitingOf(UUID tenantId) {
        return list("tenantId = ?1 and status = 'WAITING_APPROVAL' order by startedAt, runId", tenantId);
    }
}
