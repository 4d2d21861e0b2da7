package io.vigil.cases.review;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/**
 * One action a review decided, with its owner and due date. Detection and playbook updates are published to
 * detection engineering beside the rule's verdict counts.
 */
@Entity
@Table(name = "review_follow_ups")
@Filter(name = TenantFilter.NAME)
public class FollowUp {

    public enum Kind {
        DETECTION_UPDATE, PLAYBOOK_UPDATE, PROCESS, TRAINING, OTHER;

        /** Whether detection engineering is told (on alert-verdicts, beside the rule's verdicts). */
        public boolean forDetection() {
            return this == DETECTION_UPDATE || this == PLAYBOOK_UPDATE;
        }
    }

    public enum Status {
        OPEN, DONE, DROPPED
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public int position;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String owner;
    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(name = "rule_id")
    public String ruleId;
    public String playbook;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
