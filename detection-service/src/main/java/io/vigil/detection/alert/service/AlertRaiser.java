package io.vigil.detection.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.alert.Severity;
import io.vigil.detection.engine.attack.Attack;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.engine.baseline.VolumeBaseline;
import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.intel.service.IntelService;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.detection.suppression.service.Suppressions;
import io.vigil.detection.tuning.service.TenantFilters;
import io.vigil.detection.tuning.service.TenantMappings;
import io.vigil.detection.tuning.service.TenantRuleSettings;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs the catalog over one event and raises an alert per matching rule, through the outbox in the
 * caller's transaction. The alert id is derived from (tenant, rule, event), so a redelivered event raises
 * the same alert id and case-service keeps one.
 */
@ApplicationScoped
public class AlertRaiser {

    public static final String STREAM = "alerts";
    public static final String TYPE = "alert.raised";

    private final RuleCatalog catalog;
    private final IntelService intel;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Suppressions suppressions;
    private final TenantRuleSettings ruleSettings;
    private final TenantFilters filters;
    private final TenantMappings mappings;

    public AlertRaiser(RuleCatalog catalog, IntelService intel, Outbox outbox, ObjectMapper mapper,
            Suppressions suppressions, TenantRuleSettings ruleSettings, TenantFilters filters, TenantMappings mappings) {
        this.mappings = mappings;
        this.catalog = catalog;
        this.intel = intel;
        this.outbox = outbox;
        this.mapper = mapper;
        this.suppressions = suppressions;
        this.ruleSettings = ruleSettings;
        this.filters = filters;
    }

    /** Returns how many alerts were raised. */
    public int raise(UUID tenantId, UUID eventId, Instant eventTime, MapEvent received) {
        RuleCatalog.Compiled compiled = catalog.current();
        TenantMappings.Mapping mapping = mappings.forTenant(tenantId);
        MapEvent event = TenantMappings.view(received, mapping);
        List<SigmaRule> hits = compiled.rules().match(event);
        hits.addAll(compiled.expandRulesFor(tenantId, mapping.placeholders(), mapping.version(), catalog.mapping())
                .match(event));
        int raised = 0;
        for (SigmaRule rule : hits) {
            if (!filters.admit(tenantId, rule, event, eventTime)) {
                continue; // a tenant exception (Sigma filter) drops this match: as if the rule had not matched
            }
            raised += correlate(compiled, tenantId, rule, event, eventTime);
            if (compiled.correlations().silences(rule)) {
                continue; // only input of a correlation that does not generate its rules' own alerts
            }
            if (!ruleSettings.enabled(tenantId, rule, compiled.packs().get(rule.id()))) {
                continue; // switched off for this tenant (level, status, tag or id)
            }
            if (!suppressions.admit(tenantId, rule.id(), event, eventTime)) {
                continue; // within the tenant's suppression window for this group: counted, not raised
            }
            raised++;
            UUID alertId = UUID.nameUUIDFromBytes((tenantId + "|" + rule.id() + "|" + eventId).getBytes(StandardCharsets.UTF_8));
            ObjectNode p = mapper.createObjectNode();
            p.put("ruleId", rule.id());
            p.put("ruleTitle", rule.title());
            p.put("ruleAuthor", rule.author()); // required with every match by SigmaHQ's Detection Rule License
            p.put("ruleVersion", compiled.versions().getOrDefault(rule.id(), 0));
            p.put("level", rule.level());
            Object criticality = event.get("host.asset.criticality");
            p.put("severity", Severity.of(rule.level(),
                    criticality == null ? null : criticality.toString()));
            p.put("title", rule.title());
            p.put("eventId", eventId.toString());
            ArrayNode tags = p.putArray("tags");
            rule.tags().forEach(tags::add);
            Attack.Resolved attack = Attack.get().resolve(rule.tags());
            ArrayNode techniques = p.putArray("techniques");
            for (Attack.Technique t : attack.techniques()) {
                ObjectNode tn = techniques.addObject();
                tn.put("id", t.id());
                tn.put("name", t.name());
                t.tactics().forEach(tn.putArray("tactics")::add);
            }
            attack.unknown().forEach(id -> techniques.addObject().put("id", id));
            ArrayNode tactics = p.putArray("tactics");
            attack.tactics().forEach(tactics::add);
            entities(p, event);
            outbox.add(STREAM, new Envelope(tenantId, alertId, TYPE, 1, eventTime, p.toString()));
        }
        return raised + raiseIntel(tenantId, eventId, eventTime, event);
    }

    /** The entities an analyst pivots on: host, user, process, command line, source address, asset. */
    private static void entities(ObjectNode alert, MapEvent event) {
        ObjectNode entities = alert.putObject("entities");
        putFirst(entities, "host", event, "Computer", "host.name", "Hostname");
        putFirst(entities, "user", event, "User", "SubjectUserName", "TargetUserName", "user.name");
        putFirst(entities, "process", event, "Image", "NewProcessName", "process.executable");
        putFirst(entities, "commandLine", event, "CommandLine", "process.command_line");
        putFirst(entities, "sourceIp", event, "SourceIp", "IpAddress", "source.ip");
        putFirst(entities, "assetId", event, "host.asset.id");
        putFirst(entities, "assetCriticality", event, "host.asset.criticality");
    }

    /** Feeds a match to the correlations; an alert per correlation that fires. */
    private int correlate(RuleCatalog.Compiled compiled, UUID tenantId, SigmaRule rule, MapEvent event, Instant at) {
        List<CorrelationEngine.Hit> fired =
                compiled.correlations().onMatch(tenantId.toString(), rule, event, at);
        for (CorrelationEngine.Hit h : fired) {
            CorrelationRule c = h.rule();
            UUID alertId = UUID.nameUUIDFromBytes((tenantId + "|" + c.id() + "|" + h.group() + "|" + h.first())
                    .getBytes(StandardCharsets.UTF_8));
            ObjectNode p = mapper.createObjectNode();
            p.put("ruleId", c.id());
            p.put("ruleTitle", c.title());
            p.put("ruleAuthor", c.author());
            p.put("ruleVersion", compiled.versions().getOrDefault(c.id(), 0));
            p.put("level", c.level());
            p.put("severity", severity(c.level()));
            p.put("title", c.title());
            p.put("correlation", c.type().name().toLowerCase(Locale.ROOT));
            p.put("count", h.count());
            p.put("first", h.first().toString());
            p.put("last", h.last().toString());
            ObjectNode group = p.putObject("group");
            h.group().forEach(group::put);
            outbox.add(STREAM, new Envelope(tenantId, alertId, TYPE, 1, at, p.toString()));
        }
        return fired.size();
    }

    /** One alert per indicator of the tenant's threat intel found in the event. */
    private int raiseIntel(UUID tenantId, UUID eventId, Instant eventTime, MapEvent event) {
        List<IndicatorSet.Hit> hits = intel.forTenant(tenantId).match(event, eventTime);
        for (IndicatorSet.Hit h : hits) {
            Indicator i = h.indicator();
            String ruleId = "intel:" + i.type().name().toLowerCase(Locale.ROOT) + ":" + i.value();
            UUID alertId = UUID.nameUUIDFromBytes((tenantId + "|" + ruleId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
            ObjectNode p = mapper.createObjectNode();
            p.put("ruleId", ruleId);
            p.put("title", "Threat intel match: " + (i.name() != null ? i.name() : i.value()));
            p.put("ruleTitle", p.path("title").asText());
            p.put("level", "high");
            p.put("severity", "HIGH");
            p.put("eventId", eventId.toString());
            ObjectNode ind = p.putObject("indicator");
            ind.put("type", i.type().name());
            ind.put("value", i.value());
            ind.put("source", i.source());
            ind.put("context", i.context());
            ind.put("field", h.field());
            outbox.add(STREAM, new Envelope(tenantId, alertId, TYPE, 1, eventTime, p.toString()));
        }
        return hits.size();
    }

    /**
     * An alert for a fact the tenant's baseline had not seen (after its learning period): a new logon source,
     * process, parent-child pair or admin tool. One per tenant and fact, whatever the event.
     */
    public void raiseFirstSeen(UUID tenantId, UUID eventId, Instant eventTime, MapEvent event, Observation fact,
            Instant learningSince) {
        String ruleId = "baseline:first-seen:" + fact.kind().id();
        UUID alertId = UUID.nameUUIDFromBytes((tenantId + "|" + ruleId + "|" + fact.entity() + "|" + fact.value())
                .getBytes(StandardCharsets.UTF_8));
        Object criticality = event.get("host.asset.criticality");
        ObjectNode p = baselineAlert(ruleId, "First seen: " + fact.describe(), fact.kind().level(),
                Severity.of(fact.kind().level(), criticality == null ? null : criticality.toString()));
        p.put("eventId", eventId.toString());
        ObjectNode b = p.putObject("baseline");
        b.put("kind", fact.kind().id());
        b.put("entity", fact.entity());
        b.put("value", fact.value());
        b.put("learningSince", learningSince == null ? null : learningSince.toString());
        entities(p, event);
        outbox.add(STREAM, new Envelope(tenantId, alertId, TYPE, 1, eventTime, p.toString()));
    }

    /** An alert for an hour in which a host or user produced far more events than it learned to. */
    public void raiseVolume(UUID tenantId, String entityKind, String entity, Instant hour, long count,
            VolumeBaseline.Verdict verdict, int learningDays) {
        String ruleId = "baseline:volume:" + entityKind;
        UUID alertId = UUID.nameUUIDFromBytes((tenantId + "|" + ruleId + "|" + entity + "|" + hour)
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode p = baselineAlert(ruleId, String.format(Locale.ROOT,
                "Unusual event volume for %s %s: %d events in the hour from %s (learned %.0f ± %.0f per hour)",
                entityKind, entity, count, hour, verdict.mean(), verdict.sd()), "medium", "MEDIUM");
        ObjectNode b = p.putObject("baseline");
        b.put("kind", "volume");
        b.put("entityKind", entityKind);
        b.put("entity", entity);
        b.put("hour", hour.toString());
        b.put("count", count);
        b.put("mean", Math.round(verdict.mean() * 10) / 10.0);
        b.put("sd", Math.round(verdict.sd() * 10) / 10.0);
        b.put("threshold", Math.round(verdict.threshold() * 10) / 10.0);
        b.put("learningDays", learningDays);
        p.putObject("entities").put(entityKind, entity);
        outbox.add(STREAM, new Envelope(tenantId, alertId, TYPE, 1, hour, p.toString()));
    }

    private ObjectNode baselineAlert(String ruleId, String title, String level, String severity) {
        ObjectNode p = mapper.createObjectNode();
        p.put("ruleId", ruleId);
        p.put("ruleTitle", title);
        p.put("ruleAuthor", "Vigil baselines");
        p.put("level", level);
        p.put("severity", severity);
        p.put("title", title);
        return p;
    }

    /** Severity before asset criticality is known: the rule's level. */
    static String severity(String level) {
        if (level == null) {
            return "MEDIUM";
        }
        return switch (level) {
            case "informational" -> "INFORMATIONAL";
            case "low" -> "LOW";
            case "high" -> "HIGH";
            case "critical" -> "CRITICAL";
            default -> "MEDIUM";
        };
    }

    private static void putFirst(ObjectNode target, String name, MapEvent event, String... fields) {
        for (String f : fields) {
            Object v = event.get(f);
            if (v != null && !v.toString().isBlank()) {
                target.put(name, v.toString());
                return;
            }
        }
    }
}
