package io.vigil.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals read without any name lookup: what tenant-service stores for an asset and what the
 * gateway looks up in the inventory must agree on what an address is.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * The bytes of a dotted IPv4 literal (four decimal parts, each 0-255) or an IPv6 literal; null for
     * anything else, host names included (they are never resolved).
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                    return null;
                }
            }
            try {
                // In brackets the JDK takes the text as an IPv6 literal or refuses it: it never asks a resolver.
                return InetAddress.getByName("[" + text + "]").getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
