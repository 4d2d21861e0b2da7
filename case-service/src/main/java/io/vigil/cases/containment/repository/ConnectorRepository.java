package io.vigil.cases.containment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's named connectors (row-level security keeps each tenant's own). */
@ApplicationScoped
public class ConnectorRepository {

    /** A connector's configuration; {@code secret} is sealed ({@link io.vigil.cases.containment.service.ConnectorSecrets}). */
    public record Row(UUID tenantId, String name, String kind, String url, Instant updatedAt, String updatedBy,
            String settings, byte[] secret, String secretKeyId) {
    }

    private static final String COLUMNS = "tenant_id, name, kind, url, updated_at, updated_by, settings::text, secret,"
            + " secret_key_id";

    private final EntityManager em;

    public ConnectorRepository(EntityManager em) {
        this.em = em;
    }

    /** Sets the connector; {@code keepSecret} leaves a stored credential as it is (then {@code secret} is ignored). */
    public void put(UUID tenantId, String name, String kind, String url, String settingsJson, byte[] secret,
            String secretKeyId, boolean keepSecret, Instant at, String by) {
        em.createNativeQuery("insert into connectors (tenant_id, name, kind, url, updated_at, updated_by, settings, secret,"
                + " secret_key_id) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9)"
                + " on conflict (tenant_id, name) do update set kind = excluded.kind, url = excluded.url,"
                + " updated_at = excluded.updated_at, updated_by = excluded.updated_by, settings = excluded.settings"
                + (keepSecret ? "" : ", secret = excluded.secret, secret_key_id = excluded.secret_key_id"))
                .setParameter(1, tenantId).setParameter(2, name).setParameter(3, kind).setParameter(4, url)
                .setParameter(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).setParameter(6, by)
                .setParameter(7, settingsJson).setParameter(8, secret == null ? new byte[0] : secret)
                .setParameter(9, secretKeyId).executeUpdate();
    }

    public Optional<Row> find(UUID tenantId, String name) {
        return rows("select " + COLUMNS + " from connectors where tenant_id = ?1 and name = ?2", tenantId, name).stream()
                .findFirst();
    }

    public List<Row> ofTenant(UUID tenantId) {
        return rows("select " + COLUMNS + " from connectors where tenant_id = ?1 order by name", tenantId, null);
    }

    public boolean delete(UUID tenantId, String name) {
        return em.createNativeQuery("delete from connectors where tenant_id = ?1 and name = ?2").setParameter(1, tenantId)
                .setParameter(2, name).executeUpdate() > 0;
    }

    private List<Row> rows(String sql, UUID tenantId, String name) {
        var q = em.createNativeQuery(sql).setParameter(1, tenantId);
        if (name != null) {
            q.setParameter(2, name);
        }
        return ((List<?>) q.getResultList()).stream().map(o -> (Object[]) o).map(r -> new Row((UUID) r[0], (String) r[1],
                (String) r[2], (String) r[3], toInstant(r[4]), (String) r[5], (String) r[6],
                r[7] == null || ((byte[]) r[7]).length == 0 ? null : (byte[]) r[7], (String) r[8])).toList();
    }

    private static Instant toInstant(Object o) {
        return o instanceof OffsetDateTime t ? t.toInstant() : o instanceof Instant i ? i
                : ((java.sql.Timestamp) o).toInstant();
    }
}
