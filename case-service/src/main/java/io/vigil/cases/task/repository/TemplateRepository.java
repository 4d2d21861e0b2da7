package io.vigil.cases.task.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.task.TaskTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<TaskTemplate, String> {

    /** The provider's templates and the tenant's own, by name. */
    public List<TaskTemplate> forTenant(UUID tenantId) {
        return list("tenantId is null or tenantId = ?1 order by name", tenantId);
    }

    /** Every template the caller may read (row-level security keeps other tenants' own out). */
    public List<TaskTemplate> all() {
        return list("order by name");
    }
}
