package io.vigil.ingest.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG}) and RFC 3164 with the
 * dialects devices really send: no PRI, no year, ISO dates, and Cisco IOS/NX-OS
 * ({@code <PRI>: 2026 Apr 14 08:45:52 UTC: %FAC-SEV-MNEMONIC: text}). A 3164 time without a zone is read
 * in the log source's zone.
 */
public final class SyslogParser {

    /** A parsed line; absent parts are null. */
    public record Syslog(Integer facility, Integer severity, Integer version, Instant timestamp, String hostname,
            String appName, String processId, String messageId, Map<String, Map<String, String>> structuredData,
            String message) {
    }

    private static final Pattern TAG = Pattern.compile("^([^\\s:\\[]{1,128})(?:\\[([^\\]\\s]{1,32})\\])?: ?");
    private static final Pattern CISCO = Pattern.compile(
            "^:? ?(\\d{4}) ([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?: ([A-Z]{2,5}))?: ?(.*)$", Pattern.DOTALL);
    private static final Map<String, ZoneOffset> ZONES = Map.of("UTC", ZoneOffset.UTC, "GMT", ZoneOffset.UTC,
            "PST", ZoneOffset.ofHours(-8), "PDT", ZoneOffset.ofHours(-7), "EST", ZoneOffset.ofHours(-5),
            "EDT", ZoneOffset.ofHours(-4), "CET", ZoneOffset.ofHours(1), "CEST", ZoneOffset.ofHours(2),
            "MST", ZoneOffset.ofHours(-7), "CST", ZoneOffset.ofHours(-6));

    private SyslogParser() {
    }

    public static Syslog parse(String line, Instant received, ZoneId sourceZone) throws ParseException {
        String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        Integer facility = null;
        Integer severity = null;
        if (s.startsWith("<")) {
            int close = s.indexOf('>');
            if (close < 2 || close > 4) {
                throw new ParseException("syslog priority is not <0-191>");
            }
            int pri;
            try {
                pri = Integer.parseInt(s.substring(1, close));
            } catch (NumberFormatException e) {
                throw new ParseException("syslog priority is not a number: " + s.substring(0, close + 1));
            }
            if (pri > 191) {
                throw new ParseException("syslog priority " + pri + " is over 191");
            }
            facility = pri / 8;
            severity = pri % 8;
            s = s.substring(close + 1);
        }
        if (s.length() > 1 && s.charAt(0) >= '1' && s.charAt(0) <= '9' && s.charAt(1) == ' ') {
            return rfc5424(s, facility, severity);
        }
        return rfc3164(s, facility, severity, received, sourceZone);
    }

    private static Syslog rfc5424(String s, Integer facility, Integer severity) throws ParseException {
        int version = s.charAt(0) - '0';
        Cursor c = new Cursor(s, 2);
        String ts = c.word();
        Instant timestamp = null;
        if (!ts.equals("-")) {
            try {
                timestamp = OffsetDateTime.parse(ts).toInstant();
            } catch (DateTimeParseException e) {
                throw new ParseException("RFC 5424 timestamp is not RFC 3339: '" + ts + "'");
            }
        }
        String host = nil(c.word());
        String app = nil(c.word());
        String proc = nil(c.word());
        String msgId = nil(c.word());
        if (c.atEnd() && msgId == null && c.pos > s.length()) {
            throw new ParseException("truncated RFC 5424 header");
        }
        Map<String, Map<String, String>> sd = new LinkedHashMap<>();
        if (c.peek() == '-') {
            c.pos++;
        } else if (c.peek() == '[') {
            while (c.peek() == '[') {
                structuredElement(c, sd);
            }
        } else if (!c.atEnd()) {
            throw new ParseException("RFC 5424 structured data must be '-' or start with '['");
        }
        if (c.peek() == ' ') {
            c.pos++;
        }
        String msg = c.atEnd() ? null : s.substring(c.pos);
        if (msg != null && msg.startsWith("\uFEFF")) {
            msg = msg.substring(1);
        }
        return new Syslog(facility, severity, version, timestamp, host, app, proc, msgId, sd, msg);
    }

    private static void structuredElement(Cursor c, Map<String, Map<String, String>> sd) throws ParseException {
        c.pos++; // '['
        int idEnd = c.pos;
        while (idEnd < c.s.length() && c.s.charAt(idEnd) != ' ' && c.s.charAt(idEnd) != ']') {
            idEnd++;
        }
        String id = c.s.substring(c.pos, idEnd);
        c.pos = idEnd;
        Map<String, String> params = new LinkedHashMap<>();
        while (c.peek() == ' ') {
            c.pos++;
            int eq = c.s.indexOf('=', c.pos);
            if (eq < 0 || eq + 1 >= c.s.length() || c.s.charAt(eq + 1) != '"') {
                throw new ParseException("structured data param of [" + id + "] is not name=\"value\"");
            }
            String name = c.s.substring(c.pos, eq);
            StringBuilder value = new StringBuilder();
            int i = eq + 2;
            while (i < c.s.length() && c.s.charAt(i) != '"') {
                char ch = c.s.charAt(i);
                if (ch == '\\' && i + 1 < c.s.length() && "\"\\]".indexOf(c.s.charAt(i + 1)) >= 0) {
                    value.append(c.s.charAt(i + 1));
                    i += 2;
                } else {
                    value.append(ch);
                    i++;
                }
            }
            if (i >= c.s.length()) {
                throw new ParseException("unterminated structured data value in [" + id + "]");
            }
            params.put(name, value.toString());
            c.pos = i + 1;
        }
        if (c.peek() != ']') {
            throw new ParseException("structured data element [" + id + " is not closed");
        }
        c.pos++;
        sd.put(id, params);
    }

    private static Syslog rfc3164(String s, Integer facility, Integer severity, Instant received, ZoneId zone)
            throws ParseException {
        Matcher cisco = CISCO.matcher(s);
        if (cisco.matches()) {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(cisco.group(1)), SyslogTime.month(cisco.group(2)),
                    Integer.parseInt(cisco.group(3)), Integer.parseInt(cisco.group(4)), Integer.parseInt(cisco.group(5)),
                    Integer.parseInt(cisco.group(6)));
            ZoneId z = cisco.group(7) == null ? zone : ZONES.getOrDefault(cisco.group(7), ZoneOffset.UTC);
            String rest = cisco.group(8);
            String app = null;
            if (rest.startsWith("%")) {
                int colon = rest.indexOf(": ");
                if (colon > 0) {
                    app = rest.substring(1, colon);
                    rest = rest.substring(colon + 2);
                }
            }
            return new Syslog(facility, severity, null, t.atZone(z).toInstant(), null, app, null, null, Map.of(), rest);
        }
        SyslogTime.Parsed t = SyslogTime.parse(s, received);
        if (t == null) {
            throw new ParseException("no syslog timestamp at '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
        }
        Instant ts = t.instant();
        if (!zone.equals(ZoneOffset.UTC) && !s.substring(0, t.length()).matches(".*(Z|UTC|GMT|[+-]\\d{2}:\\d{2})$")) {
            // Read the wall-clock time in the source's zone instead of UTC.
            ts = LocalDateTime.ofInstant(ts, ZoneOffset.UTC).atZone(zone).toInstant();
        }
        String rest = s.substring(t.length()).stripLeading();
        String host = null;
        int sp = rest.indexOf(' ');
        String first = sp < 0 ? rest : rest.substring(0, sp);
        if (!TAG.matcher(rest).find() || (sp > 0 && TAG.matcher(rest.substring(sp + 1)).find() && !first.endsWith(":"))) {
            host = first;
            rest = sp < 0 ? "" : rest.substring(sp + 1);
        }
        String app = null;
        String pid = null;
        Matcher tag = TAG.matcher(rest);
        if (tag.find()) {
            app = tag.group(1);
            pid = tag.group(2);
            rest = rest.substring(tag.end());
        }
        return new Syslog(facility, severity, null, ts, host, app, pid, null, Map.of(), rest);
    }

    private static String nil(String v) {
        return v.equals("-") ? null : v;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        String word() throws ParseException {
            if (pos >= s.length()) {
                throw new ParseException("truncated RFC 5424 header");
            }
            int end = s.indexOf(' ', pos);
            if (end < 0) {
                end = s.length();
            }
            String w = s.substring(pos, end);
            pos = end + 1;
            return w;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean atEnd() {
            return pos >= s.length();
        }
    }
}
