package io.vigil.cases.tenantfacts;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/**
 * One rung of a tenant's escalation matrix: for cases of a severity, reach this contact by this channel once
 * the case has gone {@code afterMinutes} without acknowledgement.
 */
@Entity
@Table(name = "escalation_rungs")
public class EscalationRung {

    public enum Channel {
        EMAIL, PHONE, SMS, WEBHOOK
    }

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId, @Column(name = "severity") String severity,
            @Column(name = "position") int position) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "contact_id", nullable = false)
    public UUID contactId;
    @Column(name = "after_minutes", nullable = false)
    public int afterMinutes;
    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Channel channel;
}
