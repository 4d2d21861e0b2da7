package io.vigil.tenant.asset.importing;

import io.vigil.tenant.asset.Asset;
import java.util.List;

/** One asset as an import or a request describes it, already checked and normalised. */
public record AssetDraft(String hostname, String fqdn, List<String> addresses, Asset.Criticality criticality,
        String owner, String environment, String cloudAccountId, List<String> tags) {

    /** True when an existing asset already says exactly this (a re-import changes nothing). */
    public boolean sameAs(Asset a) {
        return hostname.equals(a.hostname) && eq(fqdn, a.fqdn) && addresses.equals(a.addresses)
                && criticality == a.criticality && eq(owner, a.owner) && eq(environment, a.environment)
                && eq(cloudAccountId, a.cloudAccountId) && tags.equals(a.tags);
    }

    public void applyTo(Asset a) {
        a.hostname = hostname;
        a.fqdn = fqdn;
        a.addresses = new java.util.ArrayList<>(addresses);
        a.criticality = criticality;
        a.owner = owner;
        a.environment = environment;
        a.cloudAccountId = cloudAccountId;
        a.tags = new java.util.ArrayList<>(tags);
    }

    private static boolean eq(String x, String y) {
        return x == null ? y == null : x.equals(y);
    }
}
