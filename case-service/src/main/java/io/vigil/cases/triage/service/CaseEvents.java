package io.vigil.cases.triage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.stream.CaseStreams;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.mapping.CaseMapper;
import io.vigil.cases.triage.rest.CaseResponse;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Announces every change of a case on {@code case.events} through the outbox, in the change's transaction:
 * {@code case.created}, {@code case.alert-added}, {@code case.updated}, {@code case.closed},
 * {@code case.reopened}, and the clocks' {@code case.sla.at-risk}, {@code case.sla.breached},
 * {@code case.sla.met}, {@code case.sla.met-late}, and the containment runs' {@code case.playbook-run.changed}. The payload is the case after the change and what changed
 * ({@code openapi/events/case.defs.json}); reporting builds its KPIs from these.
 */
@ApplicationScoped
public class CaseEvents {

    public static final int SCHEMA_VERSION = 1;
    public static final String RUN_CHANGED = "case.playbook-run.changed";

    /** The payload of every case.* message. */
    public record CaseChanged(CaseResponse caseFile, Change change) {
    }

    /** Who changed what; {@code alertId} when an alert joined, {@code note} the analyst's words. */
    public record Change(String by, Instant at, List<String> fields, String note, UUID alertId) {
    }

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final CaseStreams streams;

    public CaseEvents(Outbox outbox, ObjectMapper mapper, CaseStreams streams) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.streams = streams;
    }

    /** The payload of the case.sla.* messages: a clock warned, breached or met. */
    public record ClockChanged(UUID caseId, long caseNumber, String severity,
            io.vigil.cases.sla.rest.ClockResponse clock) {
    }

    /** {@code case.sla.at-risk}, {@code case.sla.breached}, {@code case.sla.met}, {@code case.sla.met-late}. */
    public void publishClock(String type, Case c, io.vigil.cases.sla.rest.ClockResponse clock, Instant at) {
        try {
            outbox.add(streams.caseEvents(), new Envelope(c.tenantId, UUID.randomUUID(), type, SCHEMA_VERSION, at,
                    mapper.writeValueAsString(new ClockChanged(c.id, c.number, c.severity.name(), clock))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " of case " + c.id, e);
        }
    }

    /**
     * {@code case.playbook-run.changed}: a containment run after each change (started, a step decided, sent,
     * done), as the API shows it, so the client's briefing can say what is done and what waits for its decision.
     */
    public void publishRun(io.vigil.cases.containment.rest.RunResponse run, Instant at) {
        try {
            outbox.add(streams.caseEvents(), new Envelope(run.tenantId(), UUID.randomUUID(), RUN_CHANGED, SCHEMA_VERSION,
                    at, mapper.writeValueAsString(run)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + RUN_CHANGED + " of run " + run.id(), e);
        }
    }

    public void publish(String type, Case c, Change change) {
        try {
            outbox.add(streams.caseEvents(), new Envelope(c.tenantId, UUID.randomUUID(), type, SCHEMA_VERSION,
                    change.at(), mapper.writeValueAsString(new CaseChanged(CaseMapper.toResponse(c), change))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " of case " + c.id, e);
        }
    }
}
