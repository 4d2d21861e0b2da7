package io.vigil.detection.pipeline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.attack.Attack;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.engine.baseline.VolumeBaseline;
import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.pipeline.DetectionStreams;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one place an alert is built and raised: Sigma matches, correlations, threat-intel hits and baseline
 * findings all become an {@link AlertRaised} here and go to the {@code alerts} stream through the outbox, in
 * the caller's transaction. Each alert id is derived from what it is about (tenant, rule, event or group),
 * so a redelivered event raises the same id and case-service keeps one.
 */
@ApplicationScoped
public class AlertFactory {

    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final DetectionStreams streams;

    public AlertFactory(Outbox outbox, ObjectMapper mapper, DetectionStreams streams) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.streams = streams;
    }

    /** A Sigma rule matched one event. */
    public void sigma(UUID tenantId, UUID eventId, Instant eventTime, SigmaRule rule, int version, MapEvent event) {
        Object criticality = event.get("host.asset.criticality");
        String level = level(rule.level());
        Attack.Resolved attack = Attack.get().resolve(rule.tags());
        List<AlertRaised.Technique> techniques = new ArrayList<>();
        for (Attack.Technique t : attack.techniques()) {
            techniques.add(new AlertRaised.Technique(t.id(), t.name(), List.copyOf(t.tactics())));
        }
        attack.unknown().forEach(id -> techniques.add(new AlertRaised.Technique(id, null, null)));
        raise(tenantId, id(tenantId, rule.id(), eventId), eventTime, new AlertRaised(AlertRaised.Kind.sigma,
                rule.id(), rule.title(), rule.author(), version, rule.title(), level,
                Severity.of(level, criticality == null ? null : criticality.toString()), Instant.now(), eventId,
                List.copyOf(rule.tags()), techniques, List.copyOf(attack.tactics()), entities(event), null, null,
                null, null, null, null, null));
    }

    /** A Sigma correlation fired for one group. */
    public void correlation(UUID tenantId, CorrelationEngine.Hit h, int version, Instant at) {
        CorrelationRule c = h.rule();
        String level = level(c.level());
        raise(tenantId, id(tenantId, c.id(), h.group() + "|" + h.first()), at, new AlertRaised(
                AlertRaised.Kind.correlation, c.id(), c.title(), c.author(), version, c.title(), level,
                Severity.of(level, null), Instant.now(), null, null, null, null, null,
                c.type().name().toLowerCase(Locale.ROOT), h.count(), h.first(), h.last(), new LinkedHashMap<>(h.group()),
                null, null));
    }

    /** An event carried one of the tenant's threat-intel indicators. */
    public void intel(UUID tenantId, UUID eventId, Instant eventTime, IndicatorSet.Hit h) {
        Indicator i = h.indicator();
        String ruleId = "intel:" + i.type().name().toLowerCase(Locale.ROOT) + ":" + i.value();
        String title = "Threat intel match: " + (i.name() != null ? i.name() : i.value());
        raise(tenantId, id(tenantId, ruleId, eventId), eventTime, new AlertRaised(AlertRaised.Kind.intel, ruleId,
                title, null, null, title, "high", "HIGH", Instant.now(), eventId, null, null, null, null, null, null,
                null, null, null, new AlertRaised.IndicatorHit(i.type().name(), i.value(), i.source(), i.context(),
                        h.field()), null));
    }

    /**
     * A fact the tenant's baseline had not seen (after its learning period): a new logon source, process,
     * parent-child pair or admin tool. One per tenant and fact, whatever the event.
     */
    public void firstSeen(UUID tenantId, UUID eventId, Instant eventTime, MapEvent event, Observation fact,
            Instant learningSince) {
        String ruleId = "baseline:first-seen:" + fact.kind().id();
        Object criticality = event.get("host.asset.criticality");
        String level = level(fact.kind().level());
        String title = "First seen: " + fact.describe();
        raise(tenantId, id(tenantId, ruleId, fact.entity() + "|" + fact.value()), eventTime, baseline(ruleId, title,
                level, Severity.of(level, criticality == null ? null : criticality.toString()), eventId,
                entities(event), new AlertRaised.BaselineFact(fact.kind().id(), fact.entity(), fact.value(),
                        learningSince, null, null, null, null, null, null, null)));
    }

    /** An hour in which a host or user produced far more events than it learned to. */
    public void volume(UUID tenantId, String entityKind, String entity, Instant hour, long count,
            VolumeBaseline.Verdict verdict, int learningDays) {
        String ruleId = "baseline:volume:" + entityKind;
        String title = String.format(Locale.ROOT,
                "Unusual event volume for %s %s: %d events in the hour from %s (learned %.0f ± %.0f per hour)",
                entityKind, entity, count, hour, verdict.mean(), verdict.sd());
        raise(tenantId, id(tenantId, ruleId, entity + "|" + hour), hour, baseline(ruleId, title, "medium", "MEDIUM",
                null, Map.of(entityKind, entity), new AlertRaised.BaselineFact("volume", entity, null, null, entityKind,
                        hour, count, round(verdict.mean()), round(verdict.sd()), round(verdict.threshold()),
                        learningDays)));
    }

    private static AlertRaised baseline(String ruleId, String title, String level, String severity, UUID eventId,
            Map<String, String> entities, AlertRaised.BaselineFact fact) {
        return new AlertRaised(AlertRaised.Kind.baseline, ruleId, title, "Vigil baselines", null, title, level,
                severity, Instant.now(), eventId, null, null, null, entities, null, null, null, null, null, null, fact);
    }

    private void raise(UUID tenantId, UUID alertId, Instant occurredAt, AlertRaised alert) {
        String payload;
        try {
            payload = mapper.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alertId, e);
        }
        outbox.add(streams.alerts(), new Envelope(tenantId, alertId, AlertRaised.TYPE, AlertRaised.SCHEMA_VERSION,
                occurredAt, payload));
    }

    private static UUID id(UUID tenantId, String ruleId, Object about) {
        return UUID.nameUUIDFromBytes((tenantId + "|" + ruleId + "|" + about).getBytes(StandardCharsets.UTF_8));
    }

    /** A rule's level as Sigma spells it; a rule without one (or with an unknown one) counts as medium. */
    static String level(String level) {
        String l = level == null ? "medium" : level.toLowerCase(Locale.ROOT);
        return LEVELS.contains(l) ? l : "medium";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * The entities an analyst pivots on: host, user, process, command line, source address, asset, and the
     * asset's open known-exploited CVEs (from scanner imports).
     */
    static Map<String, String> entities(MapEvent event) {
        Map<String, String> e = new LinkedHashMap<>();
        putFirst(e, "host", event, "Computer", "host.name", "Hostname");
        putFirst(e, "user", event, "User", "SubjectUserName", "TargetUserName", "user.name");
        putFirst(e, "process", event, "Image", "NewProcessName", "process.executable");
        putFirst(e, "commandLine", event, "CommandLine", "process.command_line");
        putFirst(e, "sourceIp", event, "SourceIp", "IpAddress", "source.ip");
        putFirst(e, "assetId", event, "host.asset.id");
        putFirst(e, "assetCriticality", event, "host.asset.criticality");
        putFirst(e, "knownExploitedCves", event, "host.asset.known_exploited_cves");
        return e;
    }

    private static void putFirst(Map<String, String> target, String name, MapEvent event, String... fields) {
        for (String f : fields) {
            Object v = event.get(f);
            if (v != null && !v.toString().isBlank()) {
                target.put(name, v.toString());
                return;
            }
        }
    }
}
