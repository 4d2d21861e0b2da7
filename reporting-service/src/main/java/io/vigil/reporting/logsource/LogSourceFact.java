package io.vigil.reporting.logsource;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A tenant's declared log source as tenant-service last announced it. */
@Entity
@Table(name = "log_source_facts")
@Filter(name = TenantFilter.NAME)
public class LogSourceFact {

    @Id
    @Column(name = "source_id")
    public UUID sourceId;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(nullable = false)
    public String name;
    public String product;
    @Column(nullable = false)
    public String format;
    @Column(name = "expected_events_per_day")
    public Long expectedEventsPerDay;
    /** OK, SILENT or UNKNOWN (nothing seen yet). */
    @Column(nullable = false)
    public String health;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "silent_since")
    public Instant silentSince;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
