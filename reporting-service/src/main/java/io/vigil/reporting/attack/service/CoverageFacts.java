package io.vigil.reporting.attack.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.reporting.attack.CoverageMessage;
import io.vigil.reporting.tenantfacts.ReportingStreams;
import io.vigil.reporting.tenantfacts.service.TenantFactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keeps each tenant's latest ATT&CK coverage from {@code detection.events}, and reads it back. */
@ApplicationScoped
public class CoverageFacts implements MessageHandler {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final String stream;

    public CoverageFacts(EntityManager em, ObjectMapper mapper, StreamConsumers consumers, ReportingStreams streams) {
        this.em = em;
        this.mapper = mapper;
        this.consumers = consumers;
        this.stream = streams.detectionEvents();
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(stream, TenantFactService.GROUP, this);
    }

    @Override
    public Map<String, List<Integer>> reads() {
        return Map.of(CoverageMessage.TYPE, List.of(1));
    }

    /** Keeps the message unless a newer coverage of the tenant is kept already. */
    @Override
    public void handle(Envelope envelope) throws Exception {
        CoverageMessage m = mapper.readValue(envelope.payload(), CoverageMessage.class);
        em.createNativeQuery("insert into tenant_coverage (tenant_id, computed_at, coverage) values (?1, ?2, cast(?3 as jsonb))"
                + " on conflict (tenant_id) do update set computed_at = excluded.computed_at, coverage = excluded.coverage"
                + " where tenant_coverage.computed_at < excluded.computed_at")
                .setParameter(1, envelope.tenantId()).setParameter(2, m.computedAt())
                .setParameter(3, mapper.writeValueAsString(m)).executeUpdate();
    }

    /** The tenant's latest coverage, or null before detection-service announced one (the caller's transaction). */
    public CoverageMessage latest(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select cast(coverage as text) from tenant_coverage where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        try {
            return mapper.readValue(rows.get(0), CoverageMessage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
