package io.vigil.reporting.casefacts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.casefacts.ClockFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ClockFactRepository implements PanacheRepositoryBase<ClockFact, UUID> {

    public List<ClockFact> ofCase(UUID caseId) {
        return list("caseId = ?1 order by family desc, startedAt, kind", caseId);
    }
}
