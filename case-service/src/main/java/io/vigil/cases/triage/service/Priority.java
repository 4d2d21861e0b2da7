package io.vigil.cases.triage.service;

import io.vigil.cases.triage.rest.PriorityFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A case's priority, 0 to 100, from factors a tier-1 analyst can read: the rule's level, the asset's
 * business criticality, threat-intel hits, how many hosts are involved, and how often this rule was a false
 * positive for this tenant. P1 is 70 and above, P2 45, P3 25, P4 below.
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
     * @param falsePositives the tenant's alerts of this rule closed as false positives
     * @param verdicts       the tenant's alerts of this rule closed with any verdict
     */
    public static Score of(String ruleLevel, String assetCriticality, int intelHits, int hosts, long falsePositives,
            long verdicts) {
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
}
