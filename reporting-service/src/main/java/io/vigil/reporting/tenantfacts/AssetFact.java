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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.ParamDef;
import org.hibernate.type.SqlTypes;

/** An asset of a tenant's inventory, from tenant.asset.created: what a briefing names a case's hosts by. */
@Entity
@Table(name = "asset_facts")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class AssetFact {

    @Id
    @Column(name = "asset_id")
    public UUID assetId;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    public String hostname;
    public String fqdn;
    @Column(nullable = false)
    public String criticality;
    public String owner;
    public String environment;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags = new String[0];
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
