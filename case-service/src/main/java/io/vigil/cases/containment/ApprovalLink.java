package io.vigil.cases.containment;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/**
 * A link that lets one of the tenant's named approvers decide one waiting step without a Vigil login. Only the
 * SHA-256 of its secret is kept; it works once, until {@link #expiresAt}.
 */
@Entity
@Table(name = "approval_links")
@Filter(name = TenantFilter.NAME)
public class ApprovalLink {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "run_id", nullable = false)
    public UUID runId;
    @Column(nullable = false)
    public int position;
    @Column(name = "contact_id", nullable = false)
    public UUID contactId;
    @Column(name = "contact_name", nullable = false)
    public String contactName;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
    /** APPROVED or DENIED, once used. */
    public String decision;
}
