package io.vigil.tenant.sla;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What the provider promises for one severity, in minutes from the alert: acknowledge it, finish triage,
 * contain, notify the client, and (when set) resolve. {@code clock}: ALWAYS (24x7) or BUSINESS_HOURS (the tenant's coverage hours).
 */
@Embeddable
public record SlaTargets(
        @NotNull @Min(1) @Max(525_600) @Column(name = "acknowledge_mins") Integer acknowledgeMinutes,
        @NotNull @Min(1) @Max(525_600) @Column(name = "triage_mins") Integer triageMinutes,
        @NotNull @Min(1) @Max(525_600) @Column(name = "contain_mins") Integer containMinutes,
        @NotNull @Min(1) @Max(525_600) @Column(name = "notify_mins") Integer notifyMinutes,
        @Min(1) @Max(525_600) @Column(name = "resolve_mins") Integer resolveMinutes,
        @NotNull @Enumerated(EnumType.STRING) @Column(name = "clock") Clock clock) {

    /** Without a resolution target. */
    public SlaTargets(Integer acknowledgeMinutes, Integer triageMinutes, Integer containMinutes, Integer notifyMinutes,
            Clock clock) {
        this(acknowledgeMinutes, triageMinutes, containMinutes, notifyMinutes, null, clock);
    }

    public enum Clock {
        ALWAYS, BUSINESS_HOURS
    }
}
