package io.vigil.detection.coverage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a tenant's enabled rules can see: the kinds of events it sent lately, the rules those events could make
 * fire, and per ATT&CK technique how many rules watch it and how many are blind for want of a log source. The
 * payload of {@code detection.coverage.changed} ({@code openapi/events/detection.coverage.changed.schema.json})
 * and the answer of the rule-coverage API.
 */
@Schema(name = "RuleCoverage", description = "The ATT&CK techniques the tenant's enabled rules can detect with the events"
        + " it actually sends. A rule can fire when the tenant sent, within the window, events of the kind its Sigma"
        + " logsource names (for Windows, the event ids and channel of the category or service) carrying a field its"
        + " detection reads; an enabled rule that cannot is blind, and needs names the logsources it waits for.")
public record RuleCoverage(UUID tenantId, Instant computedAt,
        @Schema(description = "Events sent this many days back count") int windowDays,
        String attackVersion,
        @Schema(description = "Rules enabled for the tenant (its rule settings applied)") int enabledRules,
        @Schema(description = "Enabled rules its events could make fire") int reachableRules,
        @Schema(description = "The kinds of events the tenant sent within the window") List<Kind> eventKinds,
        @Schema(description = "Every technique an enabled rule names, by id") List<Technique> techniques,
        @Schema(description = "The logsources blind rules are written for, with how many rules each, most first") List<Need> needs) {

    public static final String TYPE = "detection.coverage.changed";
    public static final int SCHEMA_VERSION = 1;

    /** One kind of event: Windows event id and channel (lower-cased), both null for events without them. */
    public record Kind(String eventId, String channel, Instant lastSeen) {
    }

    public record Need(String logsource, int rules) {
    }

    public record Technique(String id, String name,
            @Schema(description = "Enabled rules naming it that the tenant's events could make fire") int reachableRules,
            @Schema(description = "Enabled rules naming it that no event of the tenant could") int blindRules,
            @Schema(description = "The logsources the blind rules are written for (product/category or product/service)")
            List<String> needs) {
    }
}
