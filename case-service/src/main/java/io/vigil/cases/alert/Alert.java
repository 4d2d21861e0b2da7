package io.vigil.cases.alert;

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
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.ParamDef;
import org.hibernate.type.SqlTypes;

/** A detection's finding on one tenant's telemetry, waiting for triage. */
@Entity
@Table(name = "alerts")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class Alert {

    public enum Severity {
        INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL
    }

    public enum Status {
        NEW, CLOSED
    }

    /**
     * What the analyst concluded: malicious (true positive), real but expected and harmless (benign
     * positive), or the rule was wrong (false positive).
     */
    public enum Verdict {
        TRUE_POSITIVE, BENIGN_POSITIVE, FALSE_POSITIVE
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.NEW;

    @Enumerated(EnumType.STRING)
    public Verdict verdict;

    @Column(name = "verdict_note")
    public String verdictNote;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String payload;

    /** The case the alert was grouped into. */
    @Column(name = "case_id")
    public UUID caseId;
}
