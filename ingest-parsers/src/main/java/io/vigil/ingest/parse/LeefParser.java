package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBM QRadar's Log Event Extended Format: {@code LEEF:1.0|Vendor|Product|Version|EventID|attrs} with
 * tab-separated {@code key=value} attributes, or {@code LEEF:2.0|...|EventID|Delimiter|attrs} where the
 * delimiter is a character or its hex code ({@code x09}, {@code 0x5E}). Senders that write the tab as the
 * two characters {@code \t} are understood too.
 */
public final class LeefParser {

    /** A parsed LEEF message. */
    public record Leef(String version, String vendor, String product, String productVersion, String eventId,
            Map<String, String> attributes) {
    }

    private static final Map<String, String> ECS = Map.ofEntries(
            Map.entry("src", "source.ip"), Map.entry("dst", "destination.ip"), Map.entry("srcPort", "source.port"),
            Map.entry("dstPort", "destination.port"), Map.entry("usrName", "user.name"),
            Map.entry("identHostName", "host.name"), Map.entry("proto", "network.transport"),
            Map.entry("srcMAC", "source.mac"), Map.entry("dstMAC", "destination.mac"), Map.entry("url", "url.original"),
            Map.entry("action", "event.action"), Map.entry("Message", "message"));

    private LeefParser() {
    }

    public static Leef parse(String text) throws ParseException {
        int at = text.indexOf("LEEF:");
        if (at < 0) {
            throw new ParseException("not LEEF: no 'LEEF:' header");
        }
        String body = text.substring(at + 5);
        String[] h = body.split("\\|", 7);
        if (h.length < 5) {
            throw new ParseException("truncated LEEF header: " + h.length + " of 5 fields");
        }
        String version = h[0].trim();
        String delimiter = "\t";
        String attrs;
        if (version.startsWith("2") && h.length >= 6 && h[5].contains("=")) {
            // Some senders leave the optional delimiter field out: attributes follow the event id.
            attrs = body.substring(nthPipe(body, 5) + 1);
        } else if (version.startsWith("2")) {
            if (h.length < 6) {
                throw new ParseException("truncated LEEF 2.0 header: no delimiter field");
            }
            delimiter = delimiter(h[5]);
            attrs = h.length > 6 ? h[6] : "";
        } else if (version.startsWith("1")) {
            attrs = body.substring(nthPipe(body, 5) + 1);
        } else {
            throw new ParseException("unknown LEEF version '" + version + "'");
        }
        if (delimiter.equals("\t") && attrs.indexOf('\t') < 0 && attrs.contains("\\t")) {
            delimiter = "\\t";
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : attrs.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParseException("LEEF attribute is not key=value: '" + pair + "'");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Leef(version, h[1], h[2], h[3], h[4], out);
    }

    public static ObjectNode normalize(Leef leef, String original, ZoneId zone) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("event.original", original);
        e.put("event.code", leef.eventId());
        e.put("observer.vendor", leef.vendor());
        e.put("observer.product", leef.product());
        e.put("observer.version", leef.productVersion());
        e.put("leef.version", leef.version());
        leef.attributes().forEach((k, v) -> {
            e.put("leef.attributes." + k, v);
            String target = ECS.get(k);
            if (target != null && !v.isEmpty()) {
                if (target.endsWith(".port")) {
                    try {
                        e.put(target, Integer.parseInt(v));
                    } catch (NumberFormatException ex) {
                        e.put("error.message", k + ": value is not a number");
                    }
                } else {
                    e.put(target, v);
                }
            }
        });
        String sev = leef.attributes().get("sev");
        if (sev != null) {
            try {
                e.put("event.severity", Integer.parseInt(sev));
            } catch (NumberFormatException ex) {
                // kept under leef.attributes.sev
            }
        }
        Instant t = devTime(leef.attributes().get("devTime"), leef.attributes().get("devTimeFormat"), zone);
        if (t != null) {
            e.put("@timestamp", t.toString());
        }
        return e;
    }

    private static Instant devTime(String value, String format, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{12,13}")) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            DateTimeFormatter f = format != null ? DateTimeFormatter.ofPattern(format, java.util.Locale.ROOT)
                    : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
            return LocalDateTime.parse(value, f).atZone(zone).toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String delimiter(String field) throws ParseException {
        String d = field;
        if (d.isEmpty()) {
            return "\t";
        }
        if (d.length() == 1) {
            return d;
        }
        String hex = d.startsWith("0x") || d.startsWith("0X") ? d.substring(2) : d.startsWith("x") || d.startsWith("X") ? d.substring(1) : null;
        if (hex != null) {
            try {
                return String.valueOf((char) Integer.parseInt(hex, 16));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new ParseException("LEEF 2.0 delimiter must be one character or its hex code, got '" + d + "'");
    }

    private static int nthPipe(String s, int n) {
        int i = -1;
        for (int k = 0; k < n; k++) {
            i = s.indexOf('|', i + 1);
        }
        return i;
    }
}
