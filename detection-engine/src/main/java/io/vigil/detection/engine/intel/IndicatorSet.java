package io.vigil.detection.engine.intel;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.platform.net.IpLiterals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Indicators ready for matching: exact values in one hash map, CIDR ranges in a list. Every text value of
 * an event is looked up (and Sysmon's {@code Hashes} list, URLs' host names), so an indicator matches
 * whatever field it appears in.
 */
public final class IndicatorSet {

    /** An indicator found in an event, and the field it was found in. */
    public record Hit(Indicator indicator, String field) {
    }

    private record Range(byte[] network, int bits, Indicator indicator) {
    }

    /** Longer texts (command lines, rendered messages) cannot equal an indicator; only their parts are read. */
    private static final int MAX_INDICATOR_LENGTH = 2048;

    private final Map<String, List<Indicator>> exact = new HashMap<>();
    private final List<Range> ranges = new ArrayList<>();
    private int size;

    public IndicatorSet(List<Indicator> indicators) {
        for (Indicator i : indicators) {
            size++;
            if (i.type() == Indicator.Type.CIDR) {
                int slash = i.value().indexOf('/');
                byte[] net = slash < 0 ? null : IpLiterals.parse(i.value().substring(0, slash));
                try {
                    if (net == null) {
                        throw new NumberFormatException("not an address literal");
                    }
                    ranges.add(new Range(net, Integer.parseInt(i.value().substring(slash + 1)), i));
                } catch (NumberFormatException e) {
                    size--;
                }
            } else {
                exact.computeIfAbsent(i.value(), k -> new ArrayList<>(1)).add(i);
            }
        }
    }

    public int size() {
        return size;
    }

    /** The indicators valid at {@code at} that the event holds, each once. */
    public List<Hit> match(MapEvent event, Instant at) {
        if (size == 0) {
            return List.of();
        }
        Set<Hit> hits = null;
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            Object v = f.getValue();
            if (v instanceof String s) {
                hits = check(s, f.getKey(), at, hits);
            } else if (v instanceof Collection<?> c) {
                for (Object o : c) {
                    if (o instanceof String s) {
                        hits = check(s, f.getKey(), at, hits);
                    }
                }
            }
            // numbers and booleans are never indicators
        }
        return hits == null ? List.of() : new ArrayList<>(hits);
    }

    /** Looks one text value up: whole, as a Sysmon hash list, and the host of a URL in it. */
    private Set<Hit> check(String raw, String field, Instant at, Set<Hit> hits) {
        int len = raw.length();
        if (len < 3) {
            return hits;
        }
        String v = lower(raw);
        if (len <= MAX_INDICATOR_LENGTH) {
            hits = lookup(v, field, at, hits);
        }
        if (v.indexOf('=') > 0 && (v.contains("sha256=") || v.contains("md5=") || v.contains("sha1="))) {
            for (String part : v.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    hits = lookup(part.substring(eq + 1).strip(), field, at, hits);
                }
            }
        }
        int scheme = v.indexOf("://");
        if (scheme > 0) {
            String host = v.substring(scheme + 3).split("[/:?#\\s\"']", 2)[0];
            hits = lookup(host, field, at, hits);
        }
        return hits;
    }

    /** Lower-cased without a copy when there is nothing to lower (most values). */
    private static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    private Set<Hit> lookup(String v, String field, Instant at, Set<Hit> hits) {
        List<Indicator> found = exact.get(v);
        if (found != null) {
            for (Indicator i : found) {
                if (i.validAt(at)) {
                    hits = add(hits, new Hit(i, field));
                }
            }
        }
        byte[] addr = ranges.isEmpty() ? null : IpLiterals.parse(v); // literals only: never a name lookup
        if (addr != null) {
            for (Range r : ranges) {
                if (r.indicator().validAt(at) && within(addr, r.network(), r.bits())) {
                    hits = add(hits, new Hit(r.indicator(), field));
                }
            }
        }
        return hits;
    }

    private static Set<Hit> add(Set<Hit> hits, Hit h) {
        Set<Hit> out = hits == null ? new LinkedHashSet<>() : hits;
        out.add(h);
        return out;
    }


    private static boolean within(byte[] addr, byte[] net, int bits) {
        if (addr.length != net.length) {
            return false;
        }
        for (int i = 0; i < bits / 8; i++) {
            if (addr[i] != net[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (addr[bits / 8] & mask) == (net[bits / 8] & mask);
    }

}
