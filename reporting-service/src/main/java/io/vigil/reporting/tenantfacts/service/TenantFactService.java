package io.vigil.reporting.tenantfacts.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.tenantfacts.AssetFact;
import io.vigil.reporting.tenantfacts.AssetMessage;
import io.vigil.reporting.tenantfacts.ReportingStreams;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.TenantProfile;
import io.vigil.reporting.tenantfacts.repository.AssetFactRepository;
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
    static final String ASSET_CREATED = "tenant.asset.created";
    static final Map<String, List<Integer>> READS;

    static {
        Map<String, List<Integer>> m = new java.util.HashMap<>(PROFILE_EVENTS);
        m.put(ASSET_CREATED, List.of(1));
        m.put(io.vigil.reporting.logsource.service.LogSources.CREATED, List.of(1));
        m.put(io.vigil.reporting.logsource.service.LogSources.SILENT, List.of(1));
        m.put(io.vigil.reporting.logsource.service.LogSources.RECOVERED, List.of(1));
        m.put(io.vigil.reporting.logsource.service.LogSources.COUNTED, List.of(1));
        READS = Map.copyOf(m);
    }
    public static final String GROUP = "reporting";

    private final TenantFactRepository facts;
    private final AssetFactRepository assets;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final CurrentTenant current;
    private final String stream;

    private final io.vigil.reporting.logsource.service.LogSources logSources;

    public TenantFactService(TenantFactRepository facts, AssetFactRepository assets, ObjectMapper mapper, StreamConsumers consumers,
            CurrentTenant current, ReportingStreams streams, io.vigil.reporting.logsource.service.LogSources logSources) {
        this.logSources = logSources;
        this.facts = facts;
        this.assets = assets;
        this.mapper = mapper;
        this.consumers = consumers;
        this.current = current;
        this.stream = streams.tenantEvents();
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(stream, GROUP, this);
    }

    /** The profile events, the assets that briefings name a case's hosts by, and the log sources' health. */
    @Override
    public Map<String, List<Integer>> reads() {
        return READS;
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (envelope.type().equals(ASSET_CREATED)) {
            asset(envelope, mapper.readValue(envelope.payload(), AssetMessage.class));
            return;
        }
        if (envelope.type().equals(io.vigil.reporting.logsource.service.LogSources.COUNTED)) {
            logSources.counted(envelope, mapper.readValue(envelope.payload(), io.vigil.reporting.logsource.LogSourceCount.class));
            return;
        }
        if (envelope.type().startsWith("tenant.log-source.")) {
            logSources.apply(envelope, mapper.readValue(envelope.payload(), io.vigil.reporting.logsource.LogSourceMessage.class));
            return;
        }
        TenantProfile t = mapper.readValue(envelope.payload(), TenantProfile.class);
        TenantFact f = facts.findById(envelope.tenantId());
        if (f == null) {
            f = new TenantFact();
            f.tenantId = envelope.tenantId();
            f.firstSeenAt = envelope.occurredAt();
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

    private void asset(Envelope envelope, AssetMessage m) {
        AssetFact a = assets.findById(m.id());
        boolean fresh = a == null;
        if (fresh) {
            a = new AssetFact();
            a.assetId = m.id();
            a.tenantId = envelope.tenantId();
        }
        a.hostname = m.hostname();
        a.fqdn = m.fqdn();
        a.criticality = m.criticality();
        a.owner = m.owner();
        a.environment = m.environment();
        a.tags = m.tags() == null ? new String[0] : m.tags().toArray(String[]::new);
        a.updatedAt = envelope.occurredAt();
        if (fresh) {
            assets.persist(a);
        }
    }

    @Transactional
    public List<TenantFactResponse> visible() {
        current.get();
        return facts.allByName().stream().map(f -> new TenantFactResponse(f.tenantId, f.name, f.slug, f.status,
                f.socModel, f.timeZone, f.updatedAt)).toList();
    }
}
