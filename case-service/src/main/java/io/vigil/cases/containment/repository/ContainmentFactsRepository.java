package io.vigil.cases.containment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The tenant facts containment decides with: the tenant's pre-approvals and its assets. */
@ApplicationScoped
public class ContainmentFactsRepository {

    /** The policy as tenant-service announced it; {@code rules} is its JSON list. */
    public record PolicyRow(String rules, List<UUID> approvers, int escalateAfterMinutes) {
    }

    public record AssetRow(String hostname, String criticality, String environment) {
    }

    private final EntityManager em;

    public ContainmentFactsRepository(EntityManager em) {
        this.em = em;
    }

    public void replacePolicy(UUID tenantId, String rulesJson, List<UUID> approvers, int escalateAfterMinutes, Instant at) {
        em.createNativeQuery("insert into containment_policies (tenant_id, rules, approvers, escalate_after_minutes, updated_at)"
                + " values (?1, cast(?2 as jsonb), cast(?3 as uuid[]), ?4, ?5) on conflict (tenant_id) do update set"
                + " rules = excluded.rules, approvers = excluded.approvers,"
                + " escalate_after_minutes = excluded.escalate_after_minutes, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, rulesJson).setParameter(3, uuidArray(approvers))
                .setParameter(4, escalateAfterMinutes).setParameter(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate();
    }

    public Optional<PolicyRow> policy(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select rules::text, approvers::text, escalate_after_minutes from"
                + " containment_policies where tenant_id = ?1").setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        String list = ((String) r[1]).replaceAll("[{}]", "");
        List<UUID> approvers = list.isBlank() ? List.of() : java.util.Arrays.stream(list.split(",")).map(UUID::fromString).toList();
        return Optional.of(new PolicyRow((String) r[0], approvers, ((Number) r[2]).intValue()));
    }

    public void upsertAsset(UUID tenantId, String hostname, String fqdn, String criticality, String environment, Instant at) {
        em.createNativeQuery("insert into asset_facts (tenant_id, hostname, fqdn, criticality, environment, updated_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (tenant_id, hostname) do update set fqdn = excluded.fqdn,"
                + " criticality = excluded.criticality, environment = excluded.environment, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, hostname.toLowerCase(Locale.ROOT))
                .setParameter(3, fqdn == null ? null : fqdn.toLowerCase(Locale.ROOT)).setParameter(4, criticality)
                .setParameter(5, environment).setParameter(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).executeUpdate();
    }

    /** The asset a host name stands for: by host name, FQDN, or the first label of an FQDN. */
    public Optional<AssetRow> asset(UUID tenantId, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        String shortName = h.contains(".") ? h.substring(0, h.indexOf('.')) : h;
        List<?> rows = em.createNativeQuery("select hostname, criticality, environment from asset_facts where tenant_id = ?1"
                + " and (hostname = ?2 or fqdn = ?2 or hostname = ?3) order by (hostname = ?2 or fqdn = ?2) desc limit 1")
                .setParameter(1, tenantId).setParameter(2, h).setParameter(3, shortName).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new AssetRow((String) r[0], (String) r[1], (String) r[2]));
    }

    private static String uuidArray(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }
}
