package io.vigil.cases.shift;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a stored handover said of one client (its {@code TenantHandover}, as JSON). */
@Entity
@Table(name = "handover_items")
@Filter(name = TenantFilter.NAME)
public class HandoverItem {

    @Embeddable
    public record Key(@Column(name = "handover_id") UUID handoverId, @Column(name = "tenant_id") UUID tenantId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String summary;
}
