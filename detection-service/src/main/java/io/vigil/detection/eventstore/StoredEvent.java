package io.vigil.detection.eventstore;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.ParamDef;
import org.hibernate.type.SqlTypes;

/** One normalised event as detection saw it, kept for hunting, investigation and backtests. */
@Entity
@Table(name = "events")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class StoredEvent {

    @EmbeddedId
    public Key key;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String doc;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "tenant_id")
        public UUID tenantId;
        public UUID id;
        public Instant ts;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(tenantId, k.tenantId)
                    && java.util.Objects.equals(id, k.id) && java.util.Objects.equals(ts, k.ts);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenantId, id, ts);
        }
    }
}
