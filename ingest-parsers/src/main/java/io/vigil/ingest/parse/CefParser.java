package io.vigil.ingest.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ArcSight Common Event Format: an optional syslog prefix (timestamp, host), then
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension}.
 * Header fields escape {@code |} and {@code \}; extension values escape {@code =}, {@code \} and carry
 * {@code \n}/{@code \r}; a value runs to the next {@code key=}, so it may hold spaces and pipes.
 */
public final class CefParser {

    /** A parsed CEF message. {@code timestamp} and {@code host} come from the syslog prefix, if any. */
    public record Cef(Instant timestamp, boolean timestampHadYear, String host, int version, String deviceVendor,
            String deviceProduct, String deviceVersion, String deviceEventClassId, String name, String severity,
            Map<String, String> extensions) {
    }

    private CefParser() {
    }

    public static Cef parse(String line, Instant received) throws ParseException {
        int at = line.indexOf("CEF:");
        if (at < 0) {
            throw new ParseException("not CEF: no 'CEF:' header");
        }
        Instant ts = null;
        boolean hadYear = false;
        String host = null;
        String prefix = stripPri(line.substring(0, at).trim());
        if (!prefix.isEmpty()) {
            SyslogTime.Parsed t = SyslogTime.parse(prefix, received);
            if (t != null) {
                ts = t.instant();
                hadYear = t.hadYear();
                String rest = prefix.substring(t.length()).trim();
                host = rest.isEmpty() ? null : rest.split(" ")[0];
            } else {
                String[] words = prefix.split(" ");
                host = words[words.length - 1];
            }
        }
        String body = line.substring(at + 4);
        List<String> header = new ArrayList<>(7);
        int i = 0;
        StringBuilder field = new StringBuilder();
        while (header.size() < 7 && i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '|' || body.charAt(i + 1) == '\\')) {
                field.append(body.charAt(i + 1));
                i += 2;
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
                i++;
            } else {
                field.append(c);
                i++;
            }
        }
        if (header.size() < 7) {
            if (header.size() == 6 && i >= body.length()) {
                header.add(field.toString()); // no extension and no trailing pipe
            } else {
                throw new ParseException("truncated CEF header: " + (header.size() + (field.length() > 0 ? 1 : 0))
                        + " of 7 fields");
            }
        }
        int version;
        try {
            version = Integer.parseInt(header.get(0).trim());
        } catch (NumberFormatException e) {
            throw new ParseException("CEF version is not a number: '" + header.get(0) + "'");
        }
        Map<String, String> ext = extensions(i <= body.length() ? body.substring(Math.min(i, body.length())) : "");
        return new Cef(ts, hadYear, host, version, header.get(1), header.get(2), header.get(3), header.get(4),
                header.get(5), header.get(6), ext);
    }

    /** Parses {@code k1=v1 k2=v two words k3=...}, unescaping values. */
    static Map<String, String> extensions(String s) throws ParseException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = s.strip();
        if (text.isEmpty()) {
            return out;
        }
        List<int[]> keys = new ArrayList<>(); // [keyStart, equalsIndex]
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '=' && !escaped(text, i)) {
                int k = i - 1;
                while (k >= 0 && isKeyChar(text.charAt(k))) {
                    k--;
                }
                int keyStart = k + 1;
                boolean atBoundary = keyStart == 0 || text.charAt(keyStart - 1) == ' ';
                if (keyStart < i && atBoundary) {
                    keys.add(new int[] {keyStart, i});
                }
            }
        }
        if (keys.isEmpty() || keys.get(0)[0] != 0) {
            throw new ParseException("CEF extension does not start with key=value: '" + abbreviate(text) + "'");
        }
        for (int n = 0; n < keys.size(); n++) {
            int[] k = keys.get(n);
            int valueEnd = n + 1 < keys.size() ? keys.get(n + 1)[0] - 1 : text.length();
            String key = text.substring(k[0], k[1]);
            String raw = text.substring(k[1] + 1, Math.max(k[1] + 1, valueEnd));
            out.put(key, unescape(raw.stripTrailing())); // leading spaces belong to the value
        }
        return out;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '[' || c == ']' || c == ',' || c == '-';
    }

    private static boolean escaped(String s, int i) {
        int backslashes = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String unescape(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(i + 1);
                switch (n) {
                    case '=', '\\' -> sb.append(n);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    default -> {
                        sb.append(c);
                        continue;
                    }
                }
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String stripPri(String prefix) {
        if (prefix.startsWith("<")) {
            int close = prefix.indexOf('>');
            if (close > 0 && close <= 4) {
                return prefix.substring(close + 1).trim();
            }
        }
        return prefix;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
