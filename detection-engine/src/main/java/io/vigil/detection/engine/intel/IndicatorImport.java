package io.vigil.detection.engine.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads indicators from STIX 2.x bundles ({@code indicator} objects with simple comparison patterns joined by
 * OR; {@code indicates} relationships give the context), and from plain lists or CSV (first column) whose
 * type is recognised from the value. What cannot be read is reported, not guessed.
 */
public final class IndicatorImport {

    /** The indicators read and the items skipped with why. */
    public record Result(List<Indicator> indicators, List<String> skipped) {
    }

    /** On RE2J: java.util.regex recurses once per character of the quoted value (1 MB of them overflowed the stack). */
    private static final com.google.re2j.Pattern COMPARISON = com.google.re2j.Pattern.compile(
            "\\[\\s*([a-z0-9-]+):([A-Za-z0-9_.'-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IndicatorImport() {
    }

    public static Result stix(String json, String source) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        List<Indicator> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> indicates = new HashMap<>();
        JsonNode objects = root.path("objects");
        for (JsonNode o : objects) {
            names.put(o.path("id").asText(), o.path("name").asText(null));
            if ("relationship".equals(o.path("type").asText()) && "indicates".equals(o.path("relationship_type").asText())) {
                indicates.put(o.path("source_ref").asText(), o.path("target_ref").asText());
            }
        }
        for (JsonNode o : objects) {
            if (!"indicator".equals(o.path("type").asText())) {
                continue;
            }
            String id = o.path("id").asText();
            if (!o.path("pattern_type").isMissingNode() && !"stix".equals(o.path("pattern_type").asText())) {
                skipped.add(id + ": pattern type " + o.path("pattern_type").asText() + " is not STIX");
                continue;
            }
            String pattern = o.path("pattern").asText();
            String context = indicates.containsKey(id) ? names.get(indicates.get(id)) : null;
            Instant from = time(o.path("valid_from").asText(null));
            Instant until = time(o.path("valid_until").asText(null));
            List<Indicator> fromPattern = new ArrayList<>();
            String problem = comparisons(pattern, o.path("name").asText(null), source, context, from, until, fromPattern);
            if (problem != null) {
                skipped.add(id + ": " + problem);
            } else {
                out.addAll(fromPattern);
            }
        }
        return new Result(out, skipped);
    }

    /** One value per line (or CSV: the first column; a header line is skipped). */
    public static Result list(String text, String source) {
        List<Indicator> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            String v = line.strip();
            if (v.isEmpty() || v.startsWith("#")) {
                continue;
            }
            if (v.contains(",")) {
                v = v.substring(0, v.indexOf(',')).strip();
            }
            Indicator.Type type = guess(v);
            if (type == null) {
                if (n > 1) {
                    skipped.add("line " + n + ": not an IP, CIDR, domain, URL, hash or e-mail: " + v);
                }
                continue;
            }
            out.add(new Indicator(type, normal(type, v), null, source, null, null, null));
        }
        return new Result(out, skipped);
    }

    private static String comparisons(String pattern, String name, String source, String context, Instant from,
            Instant until, List<Indicator> out) {
        String rest = pattern.strip();
        com.google.re2j.Matcher m = COMPARISON.matcher(rest);
        int at = 0;
        while (m.find(at) && m.start() == at) {
            Indicator.Type type = typeOf(m.group(1), m.group(2));
            if (type == null) {
                return "unsupported object path " + m.group(1) + ":" + m.group(2);
            }
            String value = m.group(3).replace("\\'", "'").replace("\\\\", "\\");
            if (type == Indicator.Type.IPV4 && value.contains("/")) {
                type = Indicator.Type.CIDR;
            }
            out.add(new Indicator(type, normal(type, value), name, source, context, from, until));
            at = m.end();
            String tail = rest.substring(at).stripLeading();
            if (tail.isEmpty()) {
                return null;
            }
            if (!tail.startsWith("OR ")) {
                return "only simple comparisons joined by OR are supported";
            }
            at = rest.length() - tail.length() + 3;
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        return out.isEmpty() ? "no comparison in pattern " + pattern : "only simple comparisons joined by OR are supported";
    }

    private static Indicator.Type typeOf(String object, String path) {
        String p = path.replace("'", "").toUpperCase(Locale.ROOT);
        return switch (object) {
            case "ipv4-addr" -> p.equals("VALUE") ? Indicator.Type.IPV4 : null;
            case "ipv6-addr" -> p.equals("VALUE") ? Indicator.Type.IPV6 : null;
            case "domain-name" -> p.equals("VALUE") ? Indicator.Type.DOMAIN : null;
            case "url" -> p.equals("VALUE") ? Indicator.Type.URL : null;
            case "email-addr" -> p.equals("VALUE") ? Indicator.Type.EMAIL : null;
            case "file" -> switch (p) {
                case "HASHES.SHA-256", "HASHES.SHA256" -> Indicator.Type.SHA256;
                case "HASHES.SHA-1", "HASHES.SHA1" -> Indicator.Type.SHA1;
                case "HASHES.MD5" -> Indicator.Type.MD5;
                default -> null;
            };
            default -> null;
        };
    }

    static Indicator.Type guess(String v) {
        if (IPV4.matcher(v).matches()) {
            return Indicator.Type.IPV4;
        }
        if (v.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}") || v.matches("[0-9a-fA-F:]+/\\d{1,3}")) {
            return Indicator.Type.CIDR;
        }
        if (v.contains(":") && v.matches("[0-9a-fA-F:]+")) {
            return Indicator.Type.IPV6;
        }
        if (HEX.matcher(v).matches()) {
            return switch (v.length()) {
                case 64 -> Indicator.Type.SHA256;
                case 40 -> Indicator.Type.SHA1;
                case 32 -> Indicator.Type.MD5;
                default -> null;
            };
        }
        if (v.matches("(?i)[a-z][a-z0-9+.-]*://.+")) {
            return Indicator.Type.URL;
        }
        if (v.matches("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}")) {
            return Indicator.Type.EMAIL;
        }
        if (v.matches("(?i)([a-z0-9-]+\\.)+[a-z]{2,}")) {
            return Indicator.Type.DOMAIN;
        }
        return null;
    }

    static String normal(Indicator.Type type, String v) {
        return type == Indicator.Type.CIDR ? v : v.toLowerCase(Locale.ROOT);
    }

    private static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
