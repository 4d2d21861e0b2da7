package io.vigil.detection.pipeline.alert;

import java.util.Locale;

/**
 * An alert's severity: the rule's level weighed by the business criticality of the asset it happened on
 * (from the tenant's inventory; unknown assets keep the rule's level). A high-level rule on a critical
 * server is critical; the same rule on a low-criticality laptop is medium.
 */
public final class Severity {

    private static final String[] SCALE = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

    // rows: rule level informational..critical; columns: asset criticality unknown, low, medium, high, critical
    private static final int[][] MATRIX = {
        {0, 0, 0, 1, 1},
        {1, 0, 1, 2, 2},
        {2, 1, 2, 3, 3},
        {3, 2, 3, 4, 4},
        {4, 3, 4, 4, 4},
    };

    private Severity() {
    }

    public static String of(String ruleLevel, String assetCriticality) {
        return SCALE[MATRIX[level(ruleLevel)][criticality(assetCriticality)]];
    }

    private static int level(String level) {
        if (level == null) {
            return 2;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "informational" -> 0;
            case "low" -> 1;
            case "high" -> 3;
            case "critical" -> 4;
            default -> 2;
        };
    }

    private static int criticality(String c) {
        if (c == null) {
            return 0;
        }
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "low" -> 1;
            case "medium" -> 2;
            case "high" -> 3;
            case "critical" -> 4;
            default -> 0;
        };
    }
}
