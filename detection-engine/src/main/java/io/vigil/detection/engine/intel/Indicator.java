package io.vigil.detection.engine.intel;

import java.time.Instant;

/**
 * One indicator of compromise. {@code value} is normalised (lower-case, except CIDR text); {@code context}
 * names what it indicates (a malware, a campaign) when the source says so.
 */
public record Indicator(Type type, String value, String name, String source, String context, Instant validFrom,
        Instant validUntil) {

    public enum Type {
        IPV4, IPV6, CIDR, DOMAIN, URL, SHA256, SHA1, MD5, EMAIL
    }

    public boolean validAt(Instant t) {
        return (validFrom == null || !t.isBefore(validFrom)) && (validUntil == null || t.isBefore(validUntil));
    }
}
