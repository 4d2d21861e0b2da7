package io.vigil.tenant.sla;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The provider-wide SLA target of a severity (no tenant: every tenant reads it). */
@Entity
@Table(name = "sla_defaults")
public class SlaDefault {

    @Id
    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Embedded
    public SlaTargets targets;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
