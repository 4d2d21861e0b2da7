package io.vigil.detection.tuning.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of each tenant's placeholders and field mappings (kept as JSON). */
@ApplicationScoped
public class MappingRepository {

    /** As stored: the two JSON documents, and the version (microseconds of the last change). */
    public record MappingRow(String placeholdersJson, String fieldMappingsJson, long version) {
    }

    private final EntityManager em;

    public MappingRepository(EntityManager em) {
        this.em = em;
    }

    public void upsert(UUID tenantId, String placeholdersJson, String fieldMappingsJson) {
        em.createNativeQuery("insert into tenant_mappings (tenant_id, placeholders, field_mappings, updated_at)"
                + " values (:t, cast(:p as jsonb), cast(:f as jsonb), clock_timestamp()) on conflict (tenant_id) do update"
                + " set placeholders = excluded.placeholders, field_mappings = excluded.field_mappings,"
                + " updated_at = clock_timestamp()")
                .setParameter("t", tenantId).setParameter("p", placeholdersJson).setParameter("f", fieldMappingsJson)
                .executeUpdate();
    }

    public Optional<MappingRow> find(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select cast(placeholders as text), cast(field_mappings as text),"
                + " cast(extract(epoch from updated_at) * 1000000 as bigint) from tenant_mappings where tenant_id = :t")
                .setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new MappingRow((String) r[0], (String) r[1], ((Number) r[2]).longValue()));
    }
}
