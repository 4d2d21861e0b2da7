package io.vigil.tenant.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.audit.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    /** A tenant's entries after the keyset position, oldest first, optionally of one entity type. */
    public List<AuditEntry> pageAfter(UUID tenantId, Instant afterAt, UUID afterId, String entityType, int limit) {
        StringBuilder q = new StringBuilder("tenantId = :tenant");
        Map<String, Object> p = new HashMap<>();
        p.put("tenant", tenantId);
        if (afterAt != null) {
            q.append(" and (at > :at or (at = :at and id > :id))");
            p.put("at", afterAt);
            p.put("id", afterId);
        }
        if (entityType != null) {
            q.append(" and entityType = :type");
            p.put("type", entityType);
        }
        return find(q + " order by at, id", p).page(0, limit).list();
    }
}
