package io.vigil.platform.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Vigil may send a notification, a webhook, a connector's call: the public internet only, unless the
 * operator lists a network as allowed. Loopback, link-local (cloud metadata at 169.254.169.254 included),
 * private, carrier-grade NAT, unique-local, multicast and unspecified addresses are refused: a client's
 * configuration must never make Vigil reach into the provider's own network.
 */
public final class OutboundAddresses {

    /** A network in CIDR notation, e.g. {@code 10.20.0.0/16}, {@code 127.0.0.1/32}, {@code fd00::/8}. */
    public record Network(byte[] base, int prefix) {

        public static Network parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            byte[] base = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("not a network: '" + cidr + "' (an address or address/prefix)");
            }
            int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("prefix out of range in '" + cidr + "'");
            }
            return new Network(base, prefix);
        }

        public boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            int bits = base.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, base).and(mask));
        }
    }

    private static final List<Network> INTERNAL = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
            "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8").stream().map(Network::parse).toList();

    private final List<Network> allowed;

    /** @param allowed networks the operator allows although internal (e.g. an on-premises mail relay) */
    public OutboundAddresses(List<Network> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** From a comma-separated list of networks; empty or null allows none. */
    public static OutboundAddresses allowing(String networks) {
        List<Network> out = new ArrayList<>();
        if (networks != null) {
            for (String n : networks.split(",")) {
                if (!n.isBlank()) {
                    out.add(Network.parse(n));
                }
            }
        }
        return new OutboundAddresses(out);
    }

    /** Why this address is refused, or null when Vigil may connect to it. */
    public String refusal(byte[] address) {
        byte[] a = unmapped(address);
        for (Network n : allowed) {
            if (n.contains(a)) {
                return null;
            }
        }
        for (Network n : INTERNAL) {
            if (n.contains(a)) {
                return "an internal address (loopback, link-local, private or reserved)";
            }
        }
        return null;
    }

    /**
     * Why this host is refused, or null: an address literal is checked as it is; a name is resolved and every
     * address it has must pass (so a name cannot smuggle an internal address in beside a public one).
     */
    public String refusal(String host) {
        byte[] literal = IpLiterals.parse(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
        if (literal != null) {
            return refusal(literal);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                String why = refusal(a.getAddress());
                if (why != null) {
                    return host + " resolves to " + a.getHostAddress() + ", " + why;
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return host + " does not resolve";
        }
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it carries. */
    private static byte[] unmapped(byte[] a) {
        if (a.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return a;
                }
            }
            if (a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
                return new byte[] {a[12], a[13], a[14], a[15]};
            }
        }
        return a;
    }
}
