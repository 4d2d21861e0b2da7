package io.vigil.reporting.portal;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/** The portal's labels in plain words: clocks, months, roles. */
public final class Words {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private Words() {
    }

    /** "Acknowledge within SLA", "NIS2 early warning" ... */
    public static String clock(String family, String kind, String regime) {
        String k = kind.toLowerCase(Locale.ROOT).replace('_', ' ');
        if ("REGULATORY".equals(family)) {
            String rest = regime != null && k.startsWith(regime.toLowerCase(Locale.ROOT) + " ")
                    ? k.substring(regime.length() + 1) : k;
            return (regime == null ? "" : regime + " ") + rest;
        }
        return Character.toUpperCase(k.charAt(0)) + k.substring(1) + " in time";
    }

    /** "2026-10" as "Oct 2026". */
    public static String month(String yearMonth) {
        return YearMonth.parse(yearMonth).format(MONTH);
    }

    public static String role(Set<String> roles) {
        for (String[] r : new String[][] {{"provider-admin", "Provider admin"}, {"soc-manager", "SOC manager"},
                {"soc-tier3", "SOC analyst, tier 3"}, {"soc-tier2", "SOC analyst, tier 2"}, {"soc-tier1", "SOC analyst, tier 1"},
                {"customer-admin", "Your organisation's admin"}, {"customer-analyst", "Analyst"},
                {"customer-viewer", "Viewer"}}) {
            if (roles.contains(r[0])) {
                return r[1];
            }
        }
        return "Signed in";
    }
}
