package io.vigil.reporting.tenantfacts.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import io.vigil.reporting.tenantfacts.rest.TenantFactResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;

/** Keeps tenant facts from {@code tenant.events} and answers who the caller's tenants are. */
@ApplicationScoped
public class TenantFactService implements MessageHandler {

    public static final String STREAM = "tenant.events";
    /** Events whose payload is the tenant's whole profile, as tenant-service publishes it. */
    static final java.util.Set<String> PROFILE_EVENTS = java.util.Set.of("tenant.created", "tenant.updated",
            "tenant.activated", "tenant.suspended", "tenant.resumed", "tenant.offboarded");
    public static final String GROUP = "reporting";

    private final TenantFactRepository facts;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final CurrentTenant current;

    public TenantFactService(TenantFactRepository facts, ObjectMapper mapper, StreamConsumers consumers,
            CurrentTenant current) {
        this.facts = facts;
        this.mapper = mapper;
        this.consumers = consumers;
        this.current = current;
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(STREAM, GROUP, this);
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (!PROFILE_EVENTS.contains(envelope.type())) {
            return; // tenant.asset.*, tenant.contact.* ... are about the tenant's data, not its profile
        }
        JsonNode t = mapper.readTree(envelope.payload());
        TenantFact f = facts.findById(envelope.tenantId());
        if (f == null) {
            f = new TenantFact();
            f.tenantId = envelope.tenantId();
        } else if (f.updatedAt != null && f.updatedAt.isAfter(envelope.occurredAt())) {
            return; // an older event arriving late does not roll the facts back
        }
        f.name = t.path("name").asText();
        f.slug = t.path("slug").asText();
        f.status = t.path("status").asText();
        f.socModel = t.path("socModel").asText();
        f.timeZone = t.path("timeZone").asText();
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
