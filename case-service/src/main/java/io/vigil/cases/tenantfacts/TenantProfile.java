package io.vigil.cases.tenantfacts;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What case-service knows of a tenant from {@code tenant.events}: its SOC model and coverage windows (who a
 * new case goes to), its zone and holidays (how business-hours clocks count), the regimes it reports under.
 */
@Entity
@Table(name = "tenant_profiles")
@Filter(name = TenantFilter.NAME)
public class TenantProfile {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;
    public String name;
    @Column(name = "soc_model", nullable = false)
    public String socModel;
    @Column(name = "time_zone", nullable = false)
    public String timeZone;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] regimes = new String[0];
    /** [{day, start, end}] as tenant-service publishes them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String windows = "[]";
    /** ["2026-12-25", ...] */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String holidays = "[]";
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
