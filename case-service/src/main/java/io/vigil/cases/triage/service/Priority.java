package io.vigil.cases.triage.service;

import io.vigil.cases.triage.rest.PriorityFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A case's priority, 0 to 100, from factors a tier-1 analyst can read: the rule's level, the asset's
 * business criticality, threat-intel hits, how many hosts are involved, what the scanners found open on those
 * hosts (a CVE on CISA's Known Exploited Vulnerabilities catalog, or a critical one), and how often this rule was
 * a false positive for this tenant. P1 is 70 and above, P2 45, P3 25, P4 below.
 */
public final class Priority {

    /** Verdicts needed before a rule's false-positive rate counts. */
    static final int MIN_VERDICTS = 5;

    private Priority() {
    }

    /** The score and its factors. */
    public record Score(int value, List<PriorityFactor> factors) {
        public String label() {
            return label(value);
        }

        public static String label(int value) {
            return value >= 70 ? "P1" : value >= 45 ? "P2" : value >= 25 ? "P3" : "P4";
        }
    }

    /**
     * The worst open finding on the case's hosts, as the last scan reported it; {@code cve} null when the hosts
     * were scanned and nothing critical or known exploited is open, the whole exposure null when never scanned.
     */
    public record Exposure(String host, String cve, Double cvss, boolean knownExploited, java.time.LocalDate kevDateAdded,
            boolean ransomware, String scanner, java.time.Instant scannedAt) {
        boolean critical() {
            return cvss != null && cvss >= 9.0;
        }
    }

    public static Score of(String ruleLevel, String assetCriticality, int intelHits, int hosts, long falsePositives,
            long verdicts) {
        return of(ruleLevel, assetCriticality, intelHits, hosts, null, falsePositives, verdicts);
    }

    /**
     * @param exposure       the worst open finding on the case's hosts (null: no scan of them is known)
     * @param falsePositives the tenant's alerts of this rule closed as false positives
     * @param verdicts       the tenant's alerts of this rule closed with any verdict
     */
    public static Score of(String ruleLevel, String assetCriticality, int intelHits, int hosts, Exposure exposure,
            long falsePositives, long verdicts) {
        List<PriorityFactor> f = new ArrayList<>();
        String level = ruleLevel == null ? "medium" : ruleLevel.toLowerCase(Locale.ROOT);
        f.add(new PriorityFactor("ruleLevel", level, switch (level) {
            case "critical" -> 40;
            case "high" -> 30;
            case "low" -> 10;
            case "informational" -> 0;
            default -> 20;
        }));
        String criticality = assetCriticality == null ? "unknown" : assetCriticality.toLowerCase(Locale.ROOT);
        f.add(new PriorityFactor("assetCriticality", criticality, switch (criticality) {
            case "critical" -> 30;
            case "high" -> 20;
            case "medium" -> 10;
            default -> 0;
        }));
        f.add(new PriorityFactor("threatIntelHits", Integer.toString(intelHits), intelHits > 0 ? 15 : 0));
        f.add(new PriorityFactor("hosts", Integer.toString(hosts), Math.min(15, Math.max(0, hosts - 1) * 5)));
        f.add(exposure(exposure));
        if (verdicts >= MIN_VERDICTS) {
            double rate = (double) falsePositives / verdicts;
            f.add(new PriorityFactor("ruleFalsePositiveRate", String.format(Locale.ROOT, "%.2f (%d of %d)", rate,
                    falsePositives, verdicts), -(int) Math.round(rate * 30)));
        } else {
            f.add(new PriorityFactor("ruleFalsePositiveRate", "not enough verdicts (" + verdicts + ")", 0));
        }
        int sum = f.stream().mapToInt(PriorityFactor::points).sum();
        return new Score(Math.max(0, Math.min(100, sum)), f);
    }

    private static PriorityFactor exposure(Exposure e) {
        if (e == null) {
            return new PriorityFactor("exposure", "no scanner findings for the case's hosts", 0);
        }
        String scan = " (" + e.scanner() + " scan of " + e.scannedAt().toString().substring(0, 10) + ")";
        if (e.cve() == null) {
            return new PriorityFactor("exposure", "no open critical or known-exploited finding on " + e.host() + scan, 0);
        }
        if (e.knownExploited()) {
            return new PriorityFactor("exposure", e.cve() + " open on " + e.host() + " is on CISA's Known Exploited"
                    + " Vulnerabilities catalog" + (e.kevDateAdded() == null ? "" : " (added " + e.kevDateAdded() + ")")
                    + (e.ransomware() ? ", used in ransomware campaigns" : "") + scan, 15);
        }
        return new PriorityFactor("exposure", e.cve() + (e.cvss() == null ? "" : String.format(Locale.ROOT, " (CVSS %.1f)",
                e.cvss())) + " open on " + e.host() + scan, e.critical() ? 10 : 5);
    }
}
