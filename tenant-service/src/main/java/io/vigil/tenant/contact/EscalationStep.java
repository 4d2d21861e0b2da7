package io.vigil.tenant.contact;

import io.vigil.platform.tenancy.TenantFilter;
import io.vigil.tenant.sla.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** One rung of a tenant's escalation ladder for a severity: whom to reach, how, after how long. */
@Entity
@Table(name = "escalation_steps")
@Filter(name = TenantFilter.NAME)
public class EscalationStep {

    public enum Channel {
        EMAIL, PHONE, SMS, WEBHOOK
    }

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId,
            @Enumerated(EnumType.STRING) @Column(name = "severity") Severity severity,
            @Column(name = "position") int position) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "after_minutes", nullable = false)
    public int afterMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;
}
