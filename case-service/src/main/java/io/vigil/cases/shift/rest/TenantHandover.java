package io.vigil.cases.shift.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One client's state at a shift change: its open cases by severity and how many nobody holds, the cases whose
 * SLA is at risk or breached (soonest deadline first), and the regulatory clocks running.
 */
public record TenantHandover(UUID tenantId, String tenantName, long openCases, Map<String, Long> openBySeverity,
        long unassigned, List<CaseLine> slaAtRisk, List<RegulatoryLine> regulatoryRunning) {

    public record CaseLine(UUID caseId, long number, String title, String severity, String slaState, Instant slaDueAt,
            String assignee) {
    }

    public record RegulatoryLine(UUID caseId, long number, String regime, String kind, Instant dueAt, boolean atRisk,
            boolean breached) {
    }
}
