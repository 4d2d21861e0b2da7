package io.vigil.cases.containment;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** One action of a run on one target: pre-approved or waiting for the client, then sent through its connector. */
@Entity
@Table(name = "playbook_steps")
@Filter(name = TenantFilter.NAME)
public class PlaybookStep {

    public enum Status {
        PENDING, WAITING_APPROVAL, RUNNING, SUCCEEDED, FAILED, DENIED, SKIPPED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == DENIED || this == SKIPPED;
        }
    }

    @Embeddable
    public record Key(@Column(name = "run_id") UUID runId, @Column(name = "position") int position) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;
    public String target;
    public String connector;
    @Enumerated(EnumType.STRING)
    @Column(name = "on_failure", nullable = false)
    public Playbook.OnFailure onFailure;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    /** Why the step may run, or whose approval it waits for (the policy's answer, in words). */
    @Column(nullable = false)
    public String approval;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(nullable = false)
    public int attempts;
    public String detail;
    /** The SOC's decision on a failed step that asked: RETRY, CONTINUE or STOP. */
    public String resolution;
    /** How long the client's system may take to answer one attempt (1 to 120 s). */
    @jakarta.persistence.Column(name = "timeout_seconds")
    public int timeoutSeconds = 10;
    /** Vigil's own steps: create_task's title, notify's audience and note (JSON). */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public String params;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** Since when the run waits on this step for the client's approval. */
    @Column(name = "waiting_since")
    public Instant waitingSince;
    /** When the tenant's named approvers were sent their links (null: not yet). */
    @Column(name = "approvers_asked_at")
    public Instant approversAskedAt;
    /** How many times the wait was escalated up the tenant's escalation matrix. */
    @Column(nullable = false)
    public int escalations;
}
