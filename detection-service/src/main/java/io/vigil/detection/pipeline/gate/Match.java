package io.vigil.detection.pipeline.gate;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.rule.service.RuleCatalog;
import java.time.Instant;
import java.util.UUID;

/** A rule that matched one event of one tenant, on its way through the gates. */
public record Match(UUID tenantId, UUID eventId, Instant eventTime, MapEvent event, SigmaRule rule,
        RuleCatalog.Compiled catalog) {
}
