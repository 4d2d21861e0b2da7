package io.vigil.tenant.tenant;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/**
 * A client organisation of the provider. Its own id is its tenant id. The service's tenant filter is
 * declared here once for the whole persistence unit; every tenant-owned entity applies it.
 */
@Entity
@Table(name = "tenants")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION_ON_ID)
public class Tenant {

    public enum Status {
        ONBOARDING, ACTIVE, SUSPENDED, OFFBOARDED
    }

    /** Who works the client's alerts when: see the coverage calendar. */
    public enum SocModel {
        MANAGED, HYBRID, VIRTUAL, CO_MANAGED
    }

    /**
     * Incident-notification regimes that apply to the client: NIS2 Art. 23, GDPR Art. 33, DORA (major ICT
     * incidents). case-service runs their clocks when an analyst marks a case reportable under one.
     */
    public enum Regime {
        NIS2, GDPR, DORA
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String slug;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "soc_model", nullable = false)
    public SocModel socModel;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    public String industry;

    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(name = "regulatory_regimes", nullable = false, columnDefinition = "text[]")
    public String[] regulatoryRegimes = new String[0];

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the tenant's identity (Keycloak group and service client) was last found complete. */
    @Column(name = "provisioned_at")
    public Instant provisionedAt;

    /** Why the last provisioning attempt failed (the tenant stays ONBOARDING and is retried). */
    @Column(name = "provisioning_error")
    public String provisioningError;

    /** The Keycloak client id of the tenant's service account. */
    @Column(name = "service_client_id")
    public String serviceClientId;

    /** Why the tenant is suspended or offboarded. */
    @Column(name = "status_reason")
    public String statusReason;

    @Version
    public long version;
}
