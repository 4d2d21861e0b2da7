package io.vigil.reporting.casefacts;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/**
 * A case's SLA or regulatory clock in its last announced state. {@code late}: it breached and was stopped
 * afterwards (kept late, {@code case.sla.met-late}), as opposed to one still overdue.
 */
@Entity
@Table(name = "clock_facts")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class ClockFact {

    @Id
    @Column(name = "clock_id")
    public UUID clockId;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(name = "case_number", nullable = false)
    public long caseNumber;
    @Column(nullable = false)
    public String severity;
    @Column(nullable = false)
    public String family;
    @Column(nullable = false)
    public String kind;
    public String regime;
    @Column(name = "target_minutes", nullable = false)
    public int targetMinutes;
    @Column(nullable = false)
    public String counting;
    @Column(nullable = false)
    public String state;
    @Column(nullable = false)
    public boolean late;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    /** When the clock's case was opened: reports take the clocks of the cases opened in their period. */
    @Column(name = "case_opened_at", nullable = false)
    public Instant caseOpenedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "counted_minutes", nullable = false)
    public int countedMinutes;
    @Column(name = "paused_minutes", nullable = false)
    public int pausedMinutes;
    @Column(name = "announced_at", nullable = false)
    public Instant announcedAt;
}
