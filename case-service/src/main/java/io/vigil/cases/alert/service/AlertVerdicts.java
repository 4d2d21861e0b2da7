package io.vigil.cases.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.AlertVerdict;
import io.vigil.cases.stream.CaseStreams;
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
 * {@code alert-verdicts}), which keeps verdict counts per rule and tenant for tuning. A changed verdict carries
 * the previous one, so counts move rather than double; the same verdict again changes nothing.
 */
@ApplicationScoped
public class AlertVerdicts {


    private final AlertRepository alerts;
    private final CurrentTenant current;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final CaseStreams streams;

    public AlertVerdicts(AlertRepository alerts, CurrentTenant current, Outbox outbox, ObjectMapper mapper,
            CaseStreams streams) {
        this.alerts = alerts;
        this.current = current;
        this.outbox = outbox;
        this.mapper = mapper;
        this.streams = streams;
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
            AlertVerdict v = new AlertVerdict(a.id, a.ruleId, a.verdict, previous, a.closedBy);
            try {
                outbox.add(streams.alertVerdicts(), new Envelope(a.tenantId, UUID.randomUUID(), AlertVerdict.TYPE,
                        AlertVerdict.SCHEMA_VERSION, now, mapper.writeValueAsString(v)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the verdict of alert " + a.id, e);
            }
        }
        return AlertMapper.toResponse(a);
    }
}
