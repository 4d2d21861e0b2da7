package io.vigil.tenant.containment;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's containment pre-approvals, stored as JSON (see {@link ContainmentRules} for their meaning). */
@Entity
@Table(name = "containment_policies")
@Filter(name = TenantFilter.NAME)
public class ContainmentPolicy {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String rules;

    /** Contact ids who approve what is not pre-approved, in order. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String approvers;

    @Column(name = "escalate_after_minutes", nullable = false)
    public int escalateAfterMinutes;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
