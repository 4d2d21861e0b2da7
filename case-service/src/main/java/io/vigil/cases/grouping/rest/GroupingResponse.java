package io.vigil.cases.grouping.rest;

import io.vigil.cases.grouping.GroupingRule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's grouping of one rule's alerts ({@code ruleId} "*": its default). */
public record GroupingResponse(UUID tenantId, String ruleId, GroupingRule.Matching matching, List<String> entities,
        boolean acrossRules, int lookbackMinutes, boolean reopenClosed, Instant updatedAt, String updatedBy) {

    public static GroupingResponse of(GroupingRule g) {
        return new GroupingResponse(g.key.tenantId(), g.key.ruleId(), g.matching, List.of(g.entities), g.acrossRules,
                g.lookbackMinutes, g.reopenClosed, g.updatedAt, g.updatedBy);
    }
}
