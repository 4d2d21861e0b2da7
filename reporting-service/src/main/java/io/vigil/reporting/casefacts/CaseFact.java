package io.vigil.reporting.casefacts;

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

/** Reporting's copy of a case, as the last case.* event showed it. */
@Entity
@Table(name = "case_facts")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class CaseFact {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(nullable = false)
    public long number;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String severity;
    @Column(nullable = false)
    public int priority;
    @Column(name = "priority_label", nullable = false)
    public String priorityLabel;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public int tier;
    public String assignee;
    @Column(name = "owner_party", nullable = false)
    public String ownerParty;
    @Column(name = "rule_id")
    public String ruleId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] techniques = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tactics = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] hosts = new String[0];
    @Column(name = "alert_count", nullable = false)
    public int alertCount;
    @Column(name = "first_activity_at", nullable = false)
    public Instant firstActivityAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "contained_at")
    public Instant containedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String classification;
    @Column(name = "root_cause")
    public String rootCause;
    @Column(nullable = false)
    public int reopened;
    @Column(nullable = false)
    public long version;
    /** When the change this row shows was made (the event's time). */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
