package io.vigil.tenant.asset.importing;

import io.vigil.platform.net.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP addresses and CIDR ranges as an inventory gives them, checked and normalised without any DNS lookup.
 * A range must name its network ({@code 10.1.0.0/16}, not {@code 10.1.0.5/16}).
 */
public final class Addresses {


    private Addresses() {
    }

    /** The normalised form, or an explanation of what is wrong. */
    public sealed interface Result permits Ok, Bad {
    }

    public record Ok(String value) implements Result {
    }

    public record Bad(String reason) implements Result {
    }

    public static Result normalise(String raw) {
        String s = raw.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        Optional<byte[]> bytes = parse(host);
        if (bytes.isEmpty()) {
            return new Bad("'" + raw + "' is not an IP address or CIDR range");
        }
        int bits = bytes.get().length * 8;
        String canonical = canonical(bytes.get());
        if (slash < 0) {
            return new Ok(canonical);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            return new Bad("'" + raw + "' has no valid prefix length after '/'");
        }
        if (prefix < 0 || prefix > bits) {
            return new Bad("'" + raw + "' has a prefix length outside 0-" + bits);
        }
        BigInteger value = new BigInteger(1, bytes.get());
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            byte[] network = toBytes(value.andNot(hostMask), bytes.get().length);
            return new Bad("'" + raw + "' has host bits set; the network is " + canonical(network) + "/" + prefix);
        }
        return new Ok(prefix == bits ? canonical : canonical + "/" + prefix);
    }

    static Optional<byte[]> parse(String host) {
        return Optional.ofNullable(IpLiterals.parse(host));
    }

    private static String canonical(byte[] b) {
        try {
            String s = InetAddress.getByAddress(b).getHostAddress();
            return b.length == 16 ? compress(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java prints IPv6 uncompressed (0:0:0:...); the inventory shows the usual short form. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return left + "::" + right;
    }

    private static byte[] toBytes(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }
}
