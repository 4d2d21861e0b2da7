package io.vigil.cases.sla;

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

/**
 * One clock of a case: an SLA promise (acknowledge, triage, contain, resolve, notify the client) or a
 * regulator's deadline (NIS2, GDPR, DORA). It counts time in the tenant's way ({@link Counting}) from
 * {@code startedAt}, stops on the action that meets it, and is at risk, then breached, as it nears and
 * passes its target.
 */
@Entity
@Table(name = "case_clocks")
@Filter(name = TenantFilter.NAME)
public class CaseClock {

    public enum Family {
        SLA, REGULATORY
    }

    /** What the clock measures; regulatory kinds name their regime and stage. */
    public enum Kind {
        ACKNOWLEDGE, TRIAGE, CONTAIN, RESOLVE, NOTIFY,
        NIS2_EARLY_WARNING, NIS2_NOTIFICATION, NIS2_FINAL_REPORT,
        GDPR_NOTIFICATION,
        DORA_INITIAL, DORA_INTERMEDIATE, DORA_FINAL;

        public Family family() {
            return ordinal() <= NOTIFY.ordinal() ? Family.SLA : Family.REGULATORY;
        }

        /** NIS2, GDPR or DORA; null for the SLA's. */
        public String regime() {
            return family() == Family.SLA ? null : name().substring(0, name().indexOf('_'));
        }

        /** The stage of a regulatory clock (EARLY_WARNING, NOTIFICATION ...). */
        public String stage() {
            return family() == Family.SLA ? null : name().substring(name().indexOf('_') + 1);
        }
    }

    public enum Counting {
        ALWAYS, BUSINESS_HOURS
    }

    public enum Status {
        RUNNING, PAUSED, STOPPED, CANCELLED
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Family family;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    public String regime;
    @Column(name = "target_minutes", nullable = false)
    public int targetMinutes;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Counting counting;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    /** Since when it counts again (null unless RUNNING). */
    @Column(name = "running_since")
    public Instant runningSince;
    /** Counted time up to {@code runningSince}. */
    @Column(name = "consumed_seconds", nullable = false)
    public long consumedSeconds;
    @Column(name = "paused_since")
    public Instant pausedSince;
    /** Wall-clock time spent paused, shown apart. */
    @Column(name = "paused_seconds", nullable = false)
    public long pausedSeconds;
    @Column(name = "at_risk_at")
    public Instant atRiskAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "stopped_by")
    public String stoppedBy;
    /** The at-risk warning was given. */
    @Column(name = "at_risk", nullable = false)
    public boolean atRisk;
    @Column(nullable = false)
    public boolean breached;

    public boolean live() {
        return status == Status.RUNNING || status == Status.PAUSED;
    }
}
