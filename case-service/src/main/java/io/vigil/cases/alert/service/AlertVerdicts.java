package io.vigil.cases.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.mapping.AlertMapper;
import io.vigil.cases.alert.repository.AlertRepository;
import io.vigil.cases.alert.rest.AlertResponse;
import io.vigil.cases.alert.rest.VerdictRequest;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Closes alerts with the analyst's verdict and tells detection ({@code alert.verdict} on
 * {@value #STREAM}), which keeps verdict counts per rule and tenant for tuning. A changed verdict carries
 * the previous one, so counts move rather than double; the same verdict again changes nothing.
 */
@ApplicationScoped
public class AlertVerdicts {

    public static final String STREAM = "alert-verdicts";
    public static final String TYPE = "alert.verdict";

    private final AlertRepository alerts;
    private final CurrentTenant current;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public AlertVerdicts(AlertRepository alerts, CurrentTenant current, Outbox outbox, ObjectMapper mapper) {
        this.alerts = alerts;
        this.current = current;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Transactional
    public AlertResponse close(UUID alertId, VerdictRequest request) {
        TenantContext caller = current.get();
        Alert a = alerts.findById(alertId);
        if (a == null || !caller.allows(a.tenantId)) {
            throw new ProblemException.NotFound("no alert " + alertId);
        }
        Alert.Verdict previous = a.verdict;
        if (previous == request.verdict() && Objects.equals(a.verdictNote, request.note())) {
            return AlertMapper.toResponse(a); // a retried request
        }
        Instant now = Instant.now();
        a.status = Alert.Status.CLOSED;
        a.verdict = request.verdict();
        a.verdictNote = request.note();
        a.closedAt = now;
        a.closedBy = caller.subject();
        if (previous != request.verdict()) {
            ObjectNode p = mapper.createObjectNode();
            p.put("alertId", a.id.toString());
            p.put("ruleId", a.ruleId);
            p.put("verdict", a.verdict.name());
            p.put("previousVerdict", previous == null ? null : previous.name());
            p.put("closedBy", a.closedBy);
            outbox.add(STREAM, new Envelope(a.tenantId, UUID.randomUUID(), TYPE, 1, now, p.toString()));
        }
        return AlertMapper.toResponse(a);
    }
}
