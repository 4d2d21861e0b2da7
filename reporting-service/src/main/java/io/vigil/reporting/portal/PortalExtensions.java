package io.vigil.reporting.portal;

import io.quarkus.qute.TemplateExtension;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers of the portal's templates. */
@TemplateExtension
public final class PortalExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private PortalExtensions() {
    }

    /** A CSS class fragment of a value: "CRITICAL" as "critical". */
    static String css(String value) {
        return value == null ? "none" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** An upper-case code in words: "WAITING_APPROVAL" as "waiting approval". */
    static String words(String code) {
        return code == null ? "—" : code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** An instant in the tenant's zone, as people read it: "7 Dec 2026, 09:12 (Europe/Paris)". */
    static String at(Instant instant, String zone) {
        if (instant == null) {
            return "—";
        }
        ZoneId z;
        try {
            z = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            z = ZoneId.of("UTC");
        }
        return WHEN.format(instant.atZone(z));
    }

    /** A "2026-10" month as "Oct 2026". */
    static String monthName(String yearMonth) {
        return yearMonth == null ? "—" : Words.month(yearMonth);
    }

    /** A count with thousands separated: 1,843,227. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A percentage of a ratio, one decimal. */
    static String percent(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** Words for a status of the compliance views. */
    static String inWords(String complianceStatus) {
        return switch (complianceStatus) {
            case "EVIDENCED" -> "Evidenced";
            case "GAPS" -> "Gaps";
            case "NO_ACTIVITY" -> "No activity";
            default -> complianceStatus;
        };
    }
}
