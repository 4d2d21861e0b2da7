package io.vigil.cases.tenantfacts;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/**
 * The SLA promised for one severity, in counted minutes from the case's creation: a tenant's own row, or the
 * provider's default (kept under {@link #PROVIDER}). Row-level security lets every tenant read the defaults.
 */
@Entity
@Table(name = "sla_targets")
public class SlaTarget {

    /** The tenant id the provider's defaults are kept (and published) under. */
    public static final UUID PROVIDER = new UUID(0, 0);

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId, @Column(name = "severity") String severity)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "acknowledge_mins", nullable = false)
    public int acknowledgeMinutes;
    @Column(name = "triage_mins", nullable = false)
    public int triageMinutes;
    @Column(name = "contain_mins", nullable = false)
    public int containMinutes;
    @Column(name = "notify_mins", nullable = false)
    public int notifyMinutes;
    @Column(name = "resolve_mins")
    public Integer resolveMinutes;
    /** ALWAYS (24x7) or BUSINESS_HOURS (the tenant's coverage windows, holidays excepted). */
    @Column(nullable = false)
    public String clock;
}
