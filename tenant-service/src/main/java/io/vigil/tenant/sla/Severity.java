package io.vigil.tenant.sla;

/** Alert and case severity, the scale SLA targets and escalation are set on. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
