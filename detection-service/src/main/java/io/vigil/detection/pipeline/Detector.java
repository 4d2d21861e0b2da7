package io.vigil.detection.pipeline;

import io.vigil.detection.coverage.service.EventKinds;
import io.vigil.detection.engine.EventKind;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.intel.service.IntelService;
import io.vigil.detection.pipeline.alert.AlertFactory;
import io.vigil.detection.pipeline.gate.Gates;
import io.vigil.detection.pipeline.gate.Match;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.detection.tuning.service.TenantMappings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The match step of one stored event: the catalog's rules (and the tenant's placeholder expansions) over the
 * event as the tenant's field mapping shows it, each match through the gates, then an alert per match left;
 * and the tenant's threat-intel indicators over the same event. The event's kind is noted for the tenant's
 * ATT&CK coverage.
 */
@ApplicationScoped
public class Detector {

    private final RuleCatalog catalog;
    private final TenantMappings mappings;
    private final Gates gates;
    private final AlertFactory alerts;
    private final IntelService intel;
    private final EventKinds kinds;

    public Detector(RuleCatalog catalog, TenantMappings mappings, Gates gates, AlertFactory alerts, IntelService intel,
            EventKinds kinds) {
        this.kinds = kinds;
        this.catalog = catalog;
        this.mappings = mappings;
        this.gates = gates;
        this.alerts = alerts;
        this.intel = intel;
    }

    public void detect(UUID tenantId, UUID eventId, Instant eventTime, MapEvent received) {
        RuleCatalog.Compiled compiled = catalog.current();
        TenantMappings.Mapping mapping = mappings.forTenant(tenantId);
        MapEvent event = TenantMappings.view(received, mapping);
        EventKind kind = EventKind.of(event);
        kinds.saw(tenantId, kind, event);
        List<SigmaRule> hits = compiled.rules().match(event, kind);
        hits.addAll(compiled.expandRulesFor(tenantId, mapping.placeholders(), mapping.version(), catalog.mapping())
                .match(event, kind));
        for (SigmaRule rule : hits) {
            if (gates.admit(new Match(tenantId, eventId, eventTime, event, rule, compiled))) {
                alerts.sigma(tenantId, eventId, eventTime, rule, compiled.versions().getOrDefault(rule.id(), 0), event);
            }
        }
        for (IndicatorSet.Hit h : intel.forTenant(tenantId).match(event, eventTime)) {
            alerts.intel(tenantId, eventId, eventTime, h);
        }
    }
}
