package io.vigil.detection.rule.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.vigil.detection.rule.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<Rule, String> {

    /** Changes whenever a rule is imported, changed, enabled or disabled: cheap to compare. */
    public String signature() {
        Object[] r = (Object[]) getEntityManager().createNativeQuery("select count(*), coalesce(sum(version), 0),"
                + " coalesce(max(imported_at)::text, ''), count(*) filter (where enabled) from rules").getSingleResult();
        return r[0] + "/" + r[1] + "/" + r[2] + "/" + r[3];
    }

    public List<Rule> enabled() {
        return list("enabled = true order by id");
    }

    /** A page of the catalog by id, of one pack or of all. */
    public List<Rule> page(String pack, String afterId, int limit) {
        String where = (pack == null ? "" : "pack = :pack and ") + "id > :after order by id";
        Parameters p = Parameters.with("after", afterId == null ? "" : afterId);
        if (pack != null) {
            p = p.and("pack", pack);
        }
        return find(where, p).page(0, limit).list();
    }
}
