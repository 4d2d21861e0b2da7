package io.vigil.detection.tuning.rest;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * How a tenant's telemetry meets the rules. {@code placeholders}: the values of Sigma placeholders (name
 * without the % signs, values with Sigma wildcards) for rules using {@code expand}. {@code fieldMappings}:
 * per log source id ({@code *} for all of the tenant's sources), the rule field name to the event field that
 * holds it, for events that do not use the names the rules expect; a value written {@code =text} sets that
 * constant instead, so a source can be declared to be a logsource the rules know (for example
 * {@code "EventID": "=1", "Channel": "=Microsoft-Windows-Sysmon/Operational"} for an EDR's process events).
 */
public record DetectionMapping(
        @NotNull Map<String, @NotNull List<@NotNull String>> placeholders,
        @NotNull Map<String, @NotNull Map<String, @NotNull String>> fieldMappings) {

    public static final DetectionMapping NONE = new DetectionMapping(Map.of(), Map.of());
}
