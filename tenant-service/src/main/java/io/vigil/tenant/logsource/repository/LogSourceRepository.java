package io.vigil.tenant.logsource.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.logsource.LogSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LogSourceRepository implements PanacheRepositoryBase<LogSource, UUID> {

    public boolean nameTaken(UUID tenantId, String name) {
        return count("tenantId = ?1 and lower(name) = lower(?2)", tenantId, name) > 0;
    }

    public List<LogSource> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by name, id", tenantId).list();
    }

    /** Every visible source (the silence check runs with the system context). */
    public List<LogSource> allVisible() {
        return find("order by tenantId, id").list();
    }
}
