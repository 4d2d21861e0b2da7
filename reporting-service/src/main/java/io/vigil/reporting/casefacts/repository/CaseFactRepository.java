package io.vigil.reporting.casefacts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.casefacts.CaseFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class CaseFactRepository implements PanacheRepositoryBase<CaseFact, UUID> {
}
