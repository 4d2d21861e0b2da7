package io.vigil.detection.verdict.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.detection.pipeline.DetectionStreams;
import io.vigil.detection.support.Sql;
import io.vigil.detection.verdict.AlertVerdict;
import io.vigil.detection.verdict.rest.RuleVerdicts;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Verdict counts per rule and tenant, from case-service's {@code alert.verdict} messages: a new verdict
 * adds one, a changed verdict moves one from the previous column. The stream's inbox makes a redelivered
 * message count once. Tuning reads them as each rule's false-positive rate.
 */
@ApplicationScoped
public class VerdictCounts implements MessageHandler {

    public static final String GROUP = "detection-verdicts";
    private static final Map<String, String> COLUMNS = Map.of("TRUE_POSITIVE", "true_positives",
            "BENIGN_POSITIVE", "benign_positives", "FALSE_POSITIVE", "false_positives");

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final CurrentTenant current;
    private final StreamConsumers consumers;
    private final DetectionStreams streams;

    public VerdictCounts(EntityManager em, ObjectMapper mapper, CurrentTenant current, StreamConsumers consumers,
            DetectionStreams streams) {
        this.em = em;
        this.mapper = mapper;
        this.current = current;
        this.consumers = consumers;
        this.streams = streams;
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(streams.alertVerdicts(), GROUP, this);
    }

    @Override
    public Map<String, List<Integer>> reads() {
        return Map.of(AlertVerdict.TYPE, List.of(1));
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        AlertVerdict v = mapper.readValue(envelope.payload(), AlertVerdict.class);
        String ruleId = v.ruleId();
        String column = v.verdict() == null ? null : COLUMNS.get(v.verdict());
        if (ruleId == null || column == null) {
            return; // an alert without a rule, or a verdict this version does not know: nothing to count
        }
        String previous = v.previousVerdict() == null ? null : COLUMNS.get(v.previousVerdict());
        String moves = column + " = rule_verdicts." + column + " + 1"
                + (previous == null || previous.equals(column) ? "" : ", " + previous + " = greatest(rule_verdicts." + previous + " - 1, 0)");
        em.createNativeQuery("insert into rule_verdicts (tenant_id, rule_id, " + column + ", updated_at)"
                + " values (:t, :r, 1, :at) on conflict (tenant_id, rule_id) do update set " + moves + ", updated_at = :at")
                .setParameter("t", envelope.tenantId()).setParameter("r", ruleId)
                .setParameter("at", Timestamp.from(envelope.occurredAt())).executeUpdate();
    }

    /** The caller's tenants' verdicts, of one rule or of one tenant, the rules with most false positives first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<RuleVerdicts> list(String ruleId, UUID tenantId, int limit) {
        TenantContext caller = current.get();
        if (tenantId != null) {
            current.requireVisible(tenantId);
        }
        Query q = em.createNativeQuery("select tenant_id, rule_id, true_positives, benign_positives, false_positives,"
                + " updated_at from rule_verdicts where true"
                + (ruleId == null ? "" : " and rule_id = :r") + (tenantId == null ? "" : " and tenant_id = :t")
                + " order by false_positives desc, rule_id, tenant_id limit " + limit);
        if (ruleId != null) {
            q.setParameter("r", ruleId);
        }
        if (tenantId != null) {
            q.setParameter("t", tenantId);
        }
        List<RuleVerdicts> out = new ArrayList<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            UUID t = (UUID) r[0];
            if (!caller.allows(t)) {
                continue; // row-level security already hides it; the service does not rely on that alone
            }
            long tp = ((Number) r[2]).longValue();
            long bp = ((Number) r[3]).longValue();
            long fp = ((Number) r[4]).longValue();
            long all = tp + bp + fp;
            out.add(new RuleVerdicts(t, (String) r[1], tp, bp, fp, all == 0 ? null : Math.round(1000.0 * fp / all) / 1000.0,
                    Sql.instant(r[5])));
        }
        return out;
    }
}
