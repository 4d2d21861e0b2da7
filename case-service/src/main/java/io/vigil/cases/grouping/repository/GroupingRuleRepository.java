package io.vigil.cases.grouping.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.grouping.GroupingRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GroupingRuleRepository implements PanacheRepositoryBase<GroupingRule, GroupingRule.Key> {

    /** The tenant's rule for this detection rule, else its default; empty when it set neither. */
    public Optional<GroupingRule> effective(UUID tenantId, String ruleId) {
        GroupingRule own = ruleId == null ? null : findById(new GroupingRule.Key(tenantId, ruleId));
        return Optional.ofNullable(own != null ? own : findById(new GroupingRule.Key(tenantId, GroupingRule.ANY_RULE)));
    }

    public List<GroupingRule> ofTenant(UUID tenantId) {
        return list("key.tenantId = ?1 order by key.ruleId", tenantId);
    }
}
