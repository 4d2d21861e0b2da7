package io.vigil.cases.triage;

import io.vigil.platform.tenancy.Roles;

import io.vigil.cases.alert.Alert;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A case: one tenant's alerts about the same thing (by default the same rule on the same host within the
 * grouping window), worked from NEW to CLOSED by the provider's tiers or the client's own team.
 */
@Entity
@Table(name = "cases")
@Filter(name = TenantFilter.NAME)
public class Case {

    /** Where a case is in its life; {@link #NEXT} says which moves are allowed. */
    public enum Status {
        NEW, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, CONTAINED, RESOLVED, CLOSED;

        public boolean open() {
            return this != RESOLVED && this != CLOSED;
        }
    }

    /** What the case turned out to be (Sentinel's classification). */
    public enum Classification {
        TRUE_POSITIVE, BENIGN_POSITIVE, FALSE_POSITIVE, UNDETERMINED
    }

    /** Who works it: the provider's SOC, or the client's own team (hybrid and co-managed models). */
    public enum Party {
        PROVIDER, CLIENT;

        private static final Set<String> PROVIDER_ROLES = Roles.STAFF;

        /**
         * The caller's side: provider staff (their actions acknowledge a case; they read internal comments)
         * or the client's people.
         */
        public static Party of(TenantContext caller) {
            return caller.allTenants() || caller.roles().stream().anyMatch(PROVIDER_ROLES::contains) ? PROVIDER : CLIENT;
        }
    }

    /**
     * The moves an update may make. Closing has its own operation (it needs a classification), and a closed
     * case comes back only through reopen, with a reason.
     */
    public static final Map<Status, Set<Status>> NEXT = Map.of(
            Status.NEW, EnumSet.of(Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.RESOLVED),
            Status.ACKNOWLEDGED, EnumSet.of(Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER, Status.CONTAINED,
                    Status.RESOLVED),
            Status.IN_PROGRESS, EnumSet.of(Status.WAITING_ON_CUSTOMER, Status.CONTAINED, Status.RESOLVED),
            Status.WAITING_ON_CUSTOMER, EnumSet.of(Status.IN_PROGRESS, Status.CONTAINED, Status.RESOLVED),
            Status.CONTAINED, EnumSet.of(Status.IN_PROGRESS, Status.RESOLVED),
            Status.RESOLVED, EnumSet.of(Status.IN_PROGRESS),
            Status.CLOSED, EnumSet.noneOf(Status.class));

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(nullable = false)
    public long number;
    @Column(nullable = false)
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Alert.Severity severity;
    /** The severity's place on the scale (0 informational .. 4 critical), for sorting the queue. */
    @Column(name = "severity_rank", nullable = false)
    public int severityRank;
    @Column(name = "severity_reason")
    public String severityReason;
    @Column(name = "severity_set_by_analyst", nullable = false)
    public boolean severitySetByAnalyst;
    @Column(nullable = false)
    public int priority;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "priority_factors", nullable = false, columnDefinition = "jsonb")
    public String priorityFactors;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.NEW;
    @Column(nullable = false)
    public int tier = 1;
    public String assignee;
    @Enumerated(EnumType.STRING)
    @Column(name = "owner_party", nullable = false)
    public Party ownerParty = Party.PROVIDER;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] labels = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] techniques = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tactics = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] hosts = new String[0];
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "rule_level")
    public String ruleLevel;
    @Column(name = "asset_criticality")
    public String assetCriticality;
    @Column(name = "grouping_key", nullable = false)
    public String groupingKey;
    @Column(name = "alert_count", nullable = false)
    public int alertCount;
    @Column(name = "intel_hits", nullable = false)
    public int intelHits;
    @Column(name = "first_activity_at", nullable = false)
    public Instant firstActivityAt;
    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "contained_at")
    public Instant containedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Enumerated(EnumType.STRING)
    public Classification classification;
    @Column(name = "classification_reason")
    public String classificationReason;
    @Column(name = "root_cause")
    public String rootCause;
    @Column(name = "closing_comment")
    public String closingComment;
    /** The worst state of the case's clocks (NONE, ON_TRACK, AT_RISK, BREACHED, MET). */
    @Column(name = "sla_state", nullable = false)
    public String slaState = "NONE";
    /** The soonest deadline among the case's running clocks. */
    @Column(name = "sla_due_at")
    public Instant slaDueAt;
    /** The queue's SLA order: minus the deadline's epoch seconds, so the soonest deadline sorts first. */
    @Column(name = "sla_urgency", nullable = false)
    public long slaUrgency = NO_DEADLINE;

    /** {@link #slaUrgency} of a case with no running clock: after every other. */
    public static final long NO_DEADLINE = -Long.MAX_VALUE;

    /** Bumped by every change: the case's ETag. */
    @Column(nullable = false)
    public long version;
    /** Until when the case's observables are watched for recurrence (recovery); a sighting reopens it. */
    @Column(name = "watch_until")
    public Instant watchUntil;
}
