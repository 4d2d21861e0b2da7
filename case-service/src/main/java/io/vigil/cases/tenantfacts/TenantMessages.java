package io.vigil.cases.tenantfacts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The parts of tenant-service's messages ({@code openapi/events/tenant.*.schema.json}) case-service reads. */
public final class TenantMessages {

    private TenantMessages() {
    }

    /** {@code tenant.created}, {@code tenant.updated}: the tenant as tenant-service answers it. */
    public record TenantChanged(UUID id, String name, String socModel, String timeZone, List<String> regulatoryRegimes) {
    }

    /** {@code tenant.coverage.replaced}: the client team's weekly windows and the tenant's holidays. */
    public record CoverageReplaced(UUID tenantId, String timeZone, String socModel, List<Window> windows,
            List<LocalDate> holidays) {
    }

    public record Window(String day, String start, String end) {
    }

    /** One severity's targets in {@code tenant.sla-policy.overridden} and {@code tenant.sla-defaults.updated}. */
    public record Targets(int acknowledgeMinutes, int triageMinutes, int containMinutes, int notifyMinutes,
            Integer resolveMinutes, String clock) {
    }

    /** {@code tenant.sla-policy.reverted}. */
    public record Reverted(String severity) {
    }

    /** {@code tenant.contact.created}, {@code .updated}, {@code .deleted}: the contact as tenant-service answers it. */
    public record ContactChanged(UUID id, String name, String email, String phone, String webhookUrl) {
    }

    /** {@code tenant.escalation.replaced}: per severity, the rungs in order. */
    public record EscalationReplaced(Map<String, List<Rung>> steps) {
    }

    public record Rung(UUID contactId, int afterMinutes, String channel) {
    }

    /** {@code tenant.containment-policy.replaced}: the tenant's pre-approvals, its approvers and their deadline. */
    public record ContainmentPolicyReplaced(List<com.fasterxml.jackson.databind.JsonNode> rules, List<UUID> approvers,
            int escalateAfterMinutes) {
    }

    /** {@code tenant.asset.created}: what a containment step's target is. */
    public record AssetCreated(UUID id, String hostname, String fqdn, String criticality, String environment) {
    }

    /** tenant.asset.exposure-changed: the asset's open high, critical and known-exploited CVEs after a scan. */
    public record ExposureChanged(UUID assetId, String hostname, String fqdn, String scanner, java.time.Instant scannedAt,
            int openFindings, List<ExposedCve> exposure, boolean exposureTruncated, List<String> fixed) {
    }

    public record ExposedCve(String cve, Double cvss, String severity, boolean knownExploited,
            java.time.LocalDate kevDateAdded, boolean ransomware, String title) {
    }
}
