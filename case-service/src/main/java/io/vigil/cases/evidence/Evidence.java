package io.vigil.cases.evidence;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A file collected for a case: what it is, its SHA-256 and size, who collected it and when (the bytes apart). */
@Entity
@Table(name = "case_evidence")
@Filter(name = TenantFilter.NAME)
public class Evidence {

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(name = "file_name", nullable = false)
    public String fileName;
    @Column(name = "content_type", nullable = false)
    public String contentType;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(nullable = false)
    public String sha256;
    public String description;
    @Column(name = "collected_by", nullable = false)
    public String collectedBy;
    @Column(name = "collected_at", nullable = false)
    public Instant collectedAt;
}
