package io.vigil.cases.grouping;

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

/** How one tenant groups one rule's alerts into cases ({@link #ANY_RULE}: its default for every rule). */
@Entity
@Table(name = "grouping_rules")
@Filter(name = TenantFilter.NAME)
public class GroupingRule {

    public static final String ANY_RULE = "*";

    public enum Matching {
        /** Alerts sharing the listed entities (host, user, sourceIp, process...) share a case. */
        ENTITIES,
        /** Every alert of the rule in one case, whatever its entities. */
        RULE,
        /** Each alert its own case. */
        NONE
    }

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId, @Column(name = "rule_id") String ruleId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Matching matching;
    @Column(nullable = false)
    public String[] entities;
    /** With ENTITIES: alerts of any rule sharing the entities share a case. */
    @Column(name = "across_rules", nullable = false)
    public boolean acrossRules;
    @Column(name = "lookback_minutes", nullable = false)
    public int lookbackMinutes;
    @Column(name = "reopen_closed", nullable = false)
    public boolean reopenClosed;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
