package io.vigil.ingest.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.Year;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timestamps syslog senders put before a message, as devices really write them: epoch milliseconds,
 * BSD {@code MMM dd [yyyy] HH:mm:ss[.fff] [UTC]}, and ISO 8601. A missing year is the receiving year
 * (December events received in January belong to the previous year); a missing zone is UTC.
 */
public final class SyslogTime {

    /** A timestamp and how many characters of the input it used. */
    public record Parsed(Instant instant, int length, boolean hadYear) {
    }

    private static final Pattern BSD = Pattern.compile(
            "^([A-Z][a-z]{2}) {1,2}(\\d{1,2})(?: (\\d{4}))? (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?: (UTC|GMT|Z))?(?= |$)");
    private static final Pattern EPOCH_MS = Pattern.compile("^(\\d{12,13})(?= |$)");
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2}))(?= |$)");

    private SyslogTime() {
    }

    /** Parses a timestamp at the start of {@code s}, or returns null when there is none. */
    public static Parsed parse(String s, Instant received) {
        Matcher m = EPOCH_MS.matcher(s);
        if (m.find()) {
            return new Parsed(Instant.ofEpochMilli(Long.parseLong(m.group(1))), m.end(), true);
        }
        m = ISO.matcher(s);
        if (m.find()) {
            return new Parsed(java.time.OffsetDateTime.parse(m.group(1)).toInstant(), m.end(), true);
        }
        m = BSD.matcher(s);
        if (m.find()) {
            Month month = month(m.group(1));
            if (month == null) {
                return null;
            }
            boolean hadYear = m.group(3) != null;
            int receivedYear = Year.from(received.atZone(ZoneOffset.UTC)).getValue();
            int year = hadYear ? Integer.parseInt(m.group(3)) : receivedYear;
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            LocalDateTime t = LocalDateTime.of(year, month, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
            Instant at = t.toInstant(ZoneOffset.UTC);
            if (!hadYear && at.isAfter(received.plusSeconds(86_400))) {
                at = t.minusYears(1).toInstant(ZoneOffset.UTC);
            }
            return new Parsed(at, m.end(), hadYear);
        }
        return null;
    }

    static Month month(String abbrev) {
        for (Month mo : Month.values()) {
            if (mo.name().substring(0, 3).equalsIgnoreCase(abbrev)) {
                return mo;
            }
        }
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
