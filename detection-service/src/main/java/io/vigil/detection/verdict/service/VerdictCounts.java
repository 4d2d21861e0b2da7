package io.vigil.detection.verdict.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.detection.pipeline.DetectionStreams;
import io.vigil.detection.verdict.AlertVerdict;
import io.vigil.detection.verdict.repository.VerdictRepository;
import io.vigil.detection.verdict.rest.RuleVerdicts;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
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

    private final VerdictRepository store;
    private final ObjectMapper mapper;
    private final CurrentTenant current;
    private final StreamConsumers consumers;
    private final DetectionStreams streams;

    public VerdictCounts(VerdictRepository store, ObjectMapper mapper, CurrentTenant current, StreamConsumers consumers,
            DetectionStreams streams) {
        this.store = store;
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
        return Map.of(AlertVerdict.TYPE, List.of(1), io.vigil.detection.verdict.RuleFollowUp.TYPE, List.of(1));
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (io.vigil.detection.verdict.RuleFollowUp.TYPE.equals(envelope.type())) {
            store.followUp(envelope.tenantId(), mapper.readValue(envelope.payload(), io.vigil.detection.verdict.RuleFollowUp.class));
            return;
        }
        AlertVerdict v = mapper.readValue(envelope.payload(), AlertVerdict.class);
        if (v.ruleId() == null || !VerdictRepository.counted(v.verdict())) {
            return; // an alert without a rule, or a verdict this version does not count
        }
        store.count(envelope.tenantId(), v.ruleId(), v.verdict(), v.previousVerdict(), envelope.occurredAt());
    }

    /** The caller's tenants' verdicts, of one rule or of one tenant, the rules with most false positives first. */
    @Transactional
    /** One page of verdict counts, the rules with most false positives first; {@code cursor} from the last page. */
    public io.vigil.platform.tenancy.Page<RuleVerdicts> list(String ruleId, UUID tenantId, String cursor, int limit) {
        TenantContext caller = current.get();
        if (tenantId != null) {
            current.requireVisible(tenantId);
        }
        List<VerdictRepository.CountRow> rows = store.list(ruleId, tenantId, after(cursor), limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            VerdictRepository.CountRow last = rows.get(limit - 1);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((last.falsePositives() + "|"
                    + last.tenantId() + "|" + last.ruleId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<RuleVerdicts> out = new ArrayList<>();
        Map<String, List<VerdictRepository.FollowUpRow>> followUps = store.openFollowUps(rows);
        for (VerdictRepository.CountRow r : rows) {
            if (!caller.allows(r.tenantId())) {
                continue; // row-level security already hides it; the service does not rely on that alone
            }
            long all = r.truePositives() + r.benignPositives() + r.falsePositives();
            out.add(new RuleVerdicts(r.tenantId(), r.ruleId(), r.truePositives(), r.benignPositives(), r.falsePositives(),
                    all == 0 ? null : Math.round(1000.0 * r.falsePositives() / all) / 1000.0, r.updatedAt(),
                    followUps.getOrDefault(r.tenantId() + "|" + r.ruleId(), List.of()).stream()
                            .map(f -> new RuleVerdicts.FollowUp(f.id(), f.caseNumber(), f.kind(), f.title(), f.owner(),
                                    f.dueDate(), f.playbook())).toList()));
        }
        return new io.vigil.platform.tenancy.Page<>(out, next);
    }

    private static VerdictRepository.After after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] p = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\\|", 3);
            return new VerdictRepository.After(Long.parseLong(p[0]), p[2], UUID.fromString(p[1]));
        } catch (RuntimeException e) {
            throw new io.vigil.platform.errors.ProblemException.BadRequest("cursor is not one this API gave out");
        }
    }
}
