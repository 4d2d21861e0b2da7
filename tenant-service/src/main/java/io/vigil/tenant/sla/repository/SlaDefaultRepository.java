package io.vigil.tenant.sla.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.sla.SlaDefault;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlaDefaultRepository implements PanacheRepositoryBase<SlaDefault, Severity> {
}
