package io.vigil.cases.review;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A case's post-incident review: what caused it, what worked and what did not. One per case. */
@Entity
@Table(name = "post_incident_reviews")
@Filter(name = TenantFilter.NAME)
public class Review {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "root_cause", nullable = false)
    public String rootCause;
    @Column(name = "what_worked")
    public String whatWorked;
    @Column(name = "what_did_not")
    public String whatDidNot;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Version
    public long version;
}
