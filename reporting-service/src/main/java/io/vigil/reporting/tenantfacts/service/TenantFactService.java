package io.vigil.reporting.tenantfacts.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.tenantfacts.ReportingStreams;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.TenantProfile;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import io.vigil.reporting.tenantfacts.rest.TenantFactResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Keeps tenant facts from {@code tenant.events} and answers who the caller's tenants are. */
@ApplicationScoped
public class TenantFactService implements MessageHandler {

    /** Events whose payload is the tenant's whole profile, as tenant-service publishes it (schemaVersion 1). */
    static final Map<String, List<Integer>> PROFILE_EVENTS = Map.of("tenant.created", List.of(1), "tenant.updated",
            List.of(1), "tenant.activated", List.of(1), "tenant.suspended", List.of(1), "tenant.resumed", List.of(1),
            "tenant.offboarded", List.of(1));
    public static final String GROUP = "reporting";

    private final TenantFactRepository facts;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final CurrentTenant current;
    private final String stream;

    public TenantFactService(TenantFactRepository facts, ObjectMapper mapper, StreamConsumers consumers,
            CurrentTenant current, ReportingStreams streams) {
        this.facts = facts;
        this.mapper = mapper;
        this.consumers = consumers;
        this.current = current;
        this.stream = streams.tenantEvents();
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(stream, GROUP, this);
    }

    /** The profile events; tenant.asset.*, tenant.contact.* ... are about the tenant's data, not its profile. */
    @Override
    public Map<String, List<Integer>> reads() {
        return PROFILE_EVENTS;
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        TenantProfile t = mapper.readValue(envelope.payload(), TenantProfile.class);
        TenantFact f = facts.findById(envelope.tenantId());
        if (f == null) {
            f = new TenantFact();
            f.tenantId = envelope.tenantId();
        } else if (f.updatedAt != null && f.updatedAt.isAfter(envelope.occurredAt())) {
            return; // an older event arriving late does not roll the facts back
        }
        f.name = t.name();
        f.slug = t.slug();
        f.status = t.status();
        f.socModel = t.socModel();
        f.timeZone = t.timeZone();
        f.updatedAt = envelope.occurredAt();
        facts.persist(f);
    }

    @Transactional
    public List<TenantFactResponse> visible() {
        current.get();
        return facts.allByName().stream().map(f -> new TenantFactResponse(f.tenantId, f.name, f.slug, f.status,
                f.socModel, f.timeZone, f.updatedAt)).toList();
    }
}
