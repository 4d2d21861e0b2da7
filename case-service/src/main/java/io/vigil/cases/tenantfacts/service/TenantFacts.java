package io.vigil.cases.tenantfacts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.cases.sla.BusinessHours;
import io.vigil.cases.stream.CaseStreams;
import io.vigil.cases.tenantfacts.EscalationRung;
import io.vigil.cases.tenantfacts.SlaTarget;
import io.vigil.cases.tenantfacts.TenantContact;
import io.vigil.cases.tenantfacts.TenantMessages;
import io.vigil.cases.tenantfacts.TenantProfile;
import io.vigil.cases.tenantfacts.repository.TenantFactsRepository;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps, from {@code tenant.events} (group {@code cases}), what case-service needs of each tenant: the
 * profile that routes a new case and counts its business hours, the SLA targets its clocks run to, the
 * contacts and escalation matrix notifications follow, and the containment pre-approvals and assets that
 * decide whether a playbook step runs unasked.
 */
@ApplicationScoped
public class TenantFacts implements MessageHandler {

    public static final String GROUP = "cases";
    private static final TypeReference<Map<String, TenantMessages.Targets>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<TenantMessages.Window>> WINDOWS = new TypeReference<>() {
    };
    private static final TypeReference<List<LocalDate>> DATES = new TypeReference<>() {
    };

    /** Who a case goes to at creation, and why. */
    public record Routing(boolean clientTeam, String reason) {
    }

    private final TenantFactsRepository facts;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final CaseStreams streams;
    private final io.vigil.cases.containment.repository.ContainmentFactsRepository containment;
    /** Looked up when used: it rescored cases through CaseGrouping, which asks this bean for routing. */
    private final jakarta.enterprise.inject.Instance<Exposures> exposures;

    public TenantFacts(TenantFactsRepository facts, ObjectMapper mapper, StreamConsumers consumers, CaseStreams streams,
            io.vigil.cases.containment.repository.ContainmentFactsRepository containment,
            jakarta.enterprise.inject.Instance<Exposures> exposures) {
        this.exposures = exposures;
        this.containment = containment;
        this.facts = facts;
        this.mapper = mapper;
        this.consumers = consumers;
        this.streams = streams;
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(streams.tenantEvents(), GROUP, this);
    }

    @Override
    public Map<String, List<Integer>> reads() {
        Map<String, List<Integer>> reads = new java.util.LinkedHashMap<>();
        for (String type : List.of("tenant.created", "tenant.updated", "tenant.coverage.replaced",
                "tenant.sla-defaults.updated", "tenant.sla-policy.overridden", "tenant.sla-policy.reverted",
                "tenant.contact.created", "tenant.contact.updated", "tenant.contact.deleted", "tenant.escalation.replaced",
                "tenant.containment-policy.replaced", "tenant.asset.created", "tenant.asset.exposure-changed")) {
            reads.put(type, List.of(1));
        }
        return reads;
    }

    @Override
    public void handle(Envelope e) throws Exception {
        switch (e.type()) {
            case "tenant.created", "tenant.updated" -> {
                TenantMessages.TenantChanged t = mapper.readValue(e.payload(), TenantMessages.TenantChanged.class);
                TenantProfile p = facts.profileForUpdate(e.tenantId());
                p.name = t.name();
                p.socModel = t.socModel();
                p.timeZone = t.timeZone();
                p.regimes = t.regulatoryRegimes() == null ? new String[0] : t.regulatoryRegimes().toArray(String[]::new);
                p.updatedAt = e.occurredAt();
                facts.save(p);
            }
            case "tenant.coverage.replaced" -> {
                TenantMessages.CoverageReplaced c = mapper.readValue(e.payload(), TenantMessages.CoverageReplaced.class);
                TenantProfile p = facts.profileForUpdate(e.tenantId());
                p.socModel = c.socModel();
                p.timeZone = c.timeZone();
                p.windows = mapper.writeValueAsString(c.windows() == null ? List.of() : c.windows());
                p.holidays = mapper.writeValueAsString(c.holidays() == null ? List.of() : c.holidays());
                p.updatedAt = e.occurredAt();
                facts.save(p);
            }
            case "tenant.sla-defaults.updated", "tenant.sla-policy.overridden" -> {
                UUID owner = e.type().equals("tenant.sla-defaults.updated") ? SlaTarget.PROVIDER : e.tenantId();
                mapper.readValue(e.payload(), CHANGES).forEach((severity, t) -> {
                    SlaTarget row = facts.targetForUpdate(owner, severity);
                    row.acknowledgeMinutes = t.acknowledgeMinutes();
                    row.triageMinutes = t.triageMinutes();
                    row.containMinutes = t.containMinutes();
                    row.notifyMinutes = t.notifyMinutes();
                    row.resolveMinutes = t.resolveMinutes();
                    row.clock = t.clock();
                    facts.save(row);
                });
            }
            case "tenant.contact.created", "tenant.contact.updated" -> {
                TenantMessages.ContactChanged m = mapper.readValue(e.payload(), TenantMessages.ContactChanged.class);
                TenantContact c = facts.contactForUpdate(e.tenantId(), m.id());
                c.name = m.name();
                c.email = m.email();
                c.phone = m.phone();
                c.webhookUrl = m.webhookUrl();
                c.updatedAt = e.occurredAt();
                facts.save(c);
            }
            case "tenant.contact.deleted" ->
                facts.dropContact(e.tenantId(), mapper.readValue(e.payload(), TenantMessages.ContactChanged.class).id());
            case "tenant.escalation.replaced" -> {
                TenantMessages.EscalationReplaced m = mapper.readValue(e.payload(), TenantMessages.EscalationReplaced.class);
                List<EscalationRung> rungs = new java.util.ArrayList<>();
                (m.steps() == null ? Map.<String, List<TenantMessages.Rung>>of() : m.steps()).forEach((severity, steps) -> {
                    for (int i = 0; i < steps.size(); i++) {
                        EscalationRung r = new EscalationRung();
                        r.key = new EscalationRung.Key(e.tenantId(), severity, i + 1);
                        r.contactId = steps.get(i).contactId();
                        r.afterMinutes = steps.get(i).afterMinutes();
                        r.channel = EscalationRung.Channel.valueOf(steps.get(i).channel());
                        rungs.add(r);
                    }
                });
                facts.replaceRungs(e.tenantId(), rungs);
            }
            case "tenant.containment-policy.replaced" -> {
                TenantMessages.ContainmentPolicyReplaced m = mapper.readValue(e.payload(),
                        TenantMessages.ContainmentPolicyReplaced.class);
                containment.replacePolicy(e.tenantId(), mapper.writeValueAsString(m.rules() == null ? List.of() : m.rules()),
                        m.approvers() == null ? List.of() : m.approvers(), m.escalateAfterMinutes(), e.occurredAt());
            }
            case "tenant.asset.created" -> {
                TenantMessages.AssetCreated a = mapper.readValue(e.payload(), TenantMessages.AssetCreated.class);
                if (a.hostname() != null && !a.hostname().isBlank()) {
                    containment.upsertAsset(e.tenantId(), a.hostname(), a.fqdn(), a.criticality(), a.environment(),
                            e.occurredAt());
                }
            }
            case "tenant.asset.exposure-changed" -> exposures.get().changed(e.tenantId(),
                    mapper.readValue(e.payload(), TenantMessages.ExposureChanged.class), e.occurredAt());
            case "tenant.sla-policy.reverted" ->
                facts.dropTarget(e.tenantId(), mapper.readValue(e.payload(), TenantMessages.Reverted.class).severity());
            default -> {
            }
        }
    }

    /** How the tenant's business-hours clocks count: its coverage windows and holidays in its zone. */
    public BusinessHours businessHours(UUID tenantId) {
        return facts.profile(tenantId).map(p -> BusinessHours.of(zone(p), windows(p), new HashSet<>(read(p.holidays, DATES))))
                .orElseGet(() -> BusinessHours.of(ZoneId.of("UTC"), List.of(), java.util.Set.of()));
    }

    public ZoneId zone(UUID tenantId) {
        return facts.profile(tenantId).map(TenantFacts::zone).orElse(ZoneId.of("UTC"));
    }

    /** The regimes the tenant reports under (as tenant-service set them). */
    public List<String> regimes(UUID tenantId) {
        return facts.profile(tenantId).map(p -> List.of(p.regimes)).orElse(List.of());
    }

    /**
     * Who works a case opened at {@code at}: the client's own team in its hours for a hybrid tenant (holidays
     * excepted), the provider otherwise; co-managed tenants share the queue, and the provider owns the case.
     */
    public Routing routing(UUID tenantId, Instant at) {
        TenantProfile p = facts.profile(tenantId).orElse(null);
        if (p == null) {
            return new Routing(false, "no profile of this tenant yet: the provider covers");
        }
        if (!"HYBRID".equals(p.socModel)) {
            return new Routing(false, p.socModel.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " SOC: the provider covers");
        }
        List<BusinessHours.Window> w = windows(p);
        if (w.isEmpty()) {
            return new Routing(false, "the client team has declared no hours: the provider covers");
        }
        boolean inHours = BusinessHours.of(zone(p), w, new HashSet<>(read(p.holidays, DATES))).counts(at);
        return inHours ? new Routing(true, "within the client team's hours (" + p.timeZone + ")")
                : new Routing(false, "outside the client team's hours or on a holiday: the provider covers");
    }

    private static ZoneId zone(TenantProfile p) {
        try {
            return ZoneId.of(p.timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private List<BusinessHours.Window> windows(TenantProfile p) {
        return read(p.windows, WINDOWS).stream().map(w -> new BusinessHours.Window(DayOfWeek.valueOf(w.day()),
                LocalTime.parse(w.start()), LocalTime.parse(w.end()))).toList();
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tenant facts are not readable", e);
        }
    }
}
