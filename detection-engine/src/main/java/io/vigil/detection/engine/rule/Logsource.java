package io.vigil.detection.engine.rule;

/** What kind of log a rule is written for. Any part may be null. */
public record Logsource(String product, String category, String service) {
}
