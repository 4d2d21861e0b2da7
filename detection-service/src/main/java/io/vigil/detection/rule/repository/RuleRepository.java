package io.vigil.detection.rule.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.detection.rule.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<Rule, String> {

    public List<Rule> enabled() {
        return list("enabled = true order by id");
    }

    public List<Rule> page(String afterId, int limit) {
        if (afterId == null) {
            return find("order by id").page(0, limit).list();
        }
        return find("id > ?1 order by id", afterId).page(0, limit).list();
    }
}
