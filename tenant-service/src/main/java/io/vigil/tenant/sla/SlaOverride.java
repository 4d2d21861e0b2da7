package io.vigil.tenant.sla;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A tenant's own SLA target for a severity, replacing the provider default (its contract says so). */
@Entity
@Table(name = "sla_overrides")
@Filter(name = TenantFilter.NAME)
public class SlaOverride {

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId,
            @Enumerated(EnumType.STRING) @Column(name = "severity") Severity severity) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Embedded
    public SlaTargets targets;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
