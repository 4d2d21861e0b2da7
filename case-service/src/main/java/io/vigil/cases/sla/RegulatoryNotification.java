package io.vigil.cases.sla;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A notification sent to a regulator for a case: regime, stage, when, to whom, what was said. */
@Entity
@Table(name = "regulatory_notifications")
@Filter(name = TenantFilter.NAME)
public class RegulatoryNotification {

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public String regime;
    @Column(nullable = false)
    public String stage;
    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
    @Column(nullable = false)
    public String recipient;
    public String summary;
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
