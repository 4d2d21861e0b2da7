package io.vigil.detection.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/** Small helpers for native SQL: reading timestamps back, and keys short enough to index. */
public final class Sql {

    private Sql() {
    }

    /** A timestamptz column as the driver hands it back (Instant, Timestamp or OffsetDateTime), or null. */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return Instant.parse(String.valueOf(o));
    }

    /** A PostgreSQL {@code text[]} literal of the values (for {@code cast(:p as text[])}); quotes and backslashes dropped. */
    public static String textArray(java.util.Collection<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (String v : values) {
            b.append(b.length() > 1 ? "," : "").append('"').append(v.replace("\\", "").replace("\"", "")).append('"');
        }
        return b.append('}').toString();
    }

    /** The SHA-256 of a text, in hex: a fixed-size key for values of any length. */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
