package io.vigil.cases.task;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** One task of a case's checklist. */
@Entity
@Table(name = "case_tasks")
@Filter(name = TenantFilter.NAME)
public class CaseTask {

    public enum Status {
        OPEN, DONE, SKIPPED
    }

    /**
     * A checklist task; a patch task (one CVE on one asset, closed when a later scan no longer finds it); or a
     * recovery task (restore, validate, monitor for recurrence).
     */
    public enum Kind {
        TASK, PATCH, RECOVERY
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public int position;
    @Column(nullable = false)
    public String title;
    public String description;
    /** The template it came from; null when added by hand. */
    public String template;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    public String assignee;
    @Column(name = "done_by")
    public String doneBy;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind = Kind.TASK;
    /** For a patch task: the CVE, the asset and its host name. */
    public String cve;
    @Column(name = "asset_id")
    public UUID assetId;
    public String host;
}
