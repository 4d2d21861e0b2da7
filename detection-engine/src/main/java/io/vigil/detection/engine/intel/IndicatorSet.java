package io.vigil.detection.engine.intel;

import io.vigil.detection.engine.event.MapEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;

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

    private final Map<String, List<Indicator>> exact = new HashMap<>();
    private final List<Range> ranges = new ArrayList<>();
    private int size;

    public IndicatorSet(List<Indicator> indicators) {
        for (Indicator i : indicators) {
            size++;
            if (i.type() == Indicator.Type.CIDR) {
                int slash = i.value().indexOf('/');
                try {
                    byte[] net = InetAddress.getByName(i.value().substring(0, slash)).getAddress();
                    ranges.add(new Range(net, Integer.parseInt(i.value().substring(slash + 1)), i));
                } catch (UnknownHostException | NumberFormatException e) {
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
        Set<Hit> hits = new LinkedHashSet<>();
        for (String field : event.fields().keySet()) {
            for (String v : event.lowerTexts(field)) {
                lookup(v, field, at, hits);
                if (v.contains("=") && (v.contains("sha256=") || v.contains("md5=") || v.contains("sha1="))) {
                    for (String part : v.split(",")) {
                        int eq = part.indexOf('=');
                        if (eq > 0) {
                            lookup(part.substring(eq + 1).strip(), field, at, hits);
                        }
                    }
                }
                int scheme = v.indexOf("://");
                if (scheme > 0) {
                    String host = v.substring(scheme + 3).split("[/:?#]", 2)[0];
                    lookup(host, field, at, hits);
                }
            }
        }
        return new ArrayList<>(hits);
    }

    private void lookup(String v, String field, Instant at, Set<Hit> hits) {
        List<Indicator> found = exact.get(v);
        if (found != null) {
            for (Indicator i : found) {
                if (i.validAt(at)) {
                    hits.add(new Hit(i, field));
                }
            }
        }
        if (!ranges.isEmpty() && looksLikeIp(v)) {
            byte[] addr;
            try {
                addr = InetAddress.getByName(v).getAddress();
            } catch (UnknownHostException e) {
                return;
            }
            for (Range r : ranges) {
                if (r.indicator().validAt(at) && within(addr, r.network(), r.bits())) {
                    hits.add(new Hit(r.indicator(), field));
                }
            }
        }
    }

    private static boolean looksLikeIp(String v) {
        return !v.isEmpty() && (v.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (v.indexOf(':') >= 0 && v.matches("[0-9a-f:.]+")));
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
