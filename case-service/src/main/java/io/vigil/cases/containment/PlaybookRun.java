package io.vigil.cases.containment;

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

/** One run of a playbook on a case. */
@Entity
@Table(name = "playbook_runs")
@Filter(name = TenantFilter.NAME)
public class PlaybookRun {

    public enum Status {
        RUNNING, WAITING_APPROVAL, WAITING_DECISION, SUCCEEDED, FAILED, DENIED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == DENIED;
        }
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public String playbook;
    @Column(nullable = false)
    public int version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(name = "started_by", nullable = false)
    public String startedBy;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
