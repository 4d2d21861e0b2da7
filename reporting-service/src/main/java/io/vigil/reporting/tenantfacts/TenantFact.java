package io.vigil.reporting.tenantfacts;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/** Reporting's copy of a tenant's profile, kept current from tenant.* events. */
@Entity
@Table(name = "tenant_facts")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class TenantFact {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String status;

    @Column(name = "soc_model", nullable = false)
    public String socModel;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When reporting first heard of the tenant (its first event's time). */
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    /** The zone the tenant reads its calendar in (UTC when unknown or not a zone id). */
    public static java.time.ZoneId zoneOf(TenantFact t) {
        try {
            return t == null || t.timeZone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(t.timeZone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }
}
