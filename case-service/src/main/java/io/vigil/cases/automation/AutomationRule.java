package io.vigil.cases.automation;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** When a new case matches, run this playbook on it (every condition left empty matches any case). */
@Entity
@Table(name = "automation_rules")
@Filter(name = TenantFilter.NAME)
public class AutomationRule {

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId, @Column(name = "name") String name) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(nullable = false)
    public int position;
    @Column(nullable = false)
    public String trigger = "CASE_CREATED";
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] severities = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "rule_ids", nullable = false, columnDefinition = "text[]")
    public String[] ruleIds = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] labels = new String[0];
    @Column(name = "min_criticality")
    public String minCriticality;
    @Column(nullable = false)
    public String playbook;
    @Column(nullable = false)
    public boolean enabled;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
