package io.vigil.ingest.intake.rest;

import io.vigil.platform.errors.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The body as the client compressed it ({@code Content-Encoding}: gzip, deflate or none), inflated here
 * rather than in the HTTP layer, so a corrupt stream is a 400 with its reason instead of a dropped
 * connection, an unsupported coding is a 415, and a small body that inflates past the limit (a zip bomb) is
 * a 413 before it fills the memory.
 */
final class BodyDecoding {

    private BodyDecoding() {
    }

    static byte[] decode(String contentEncoding, byte[] body, long maxInflated) {
        String coding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity") || body == null || body.length == 0) {
            return body;
        }
        try {
            InputStream in = switch (coding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
                default -> throw new ProblemException.UnsupportedMediaType("Content-Encoding '" + contentEncoding
                        + "' is not supported: send gzip, deflate or an uncompressed body");
            };
            try (in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > maxInflated) {
                        throw new ProblemException.PayloadTooLarge("the body inflates past " + maxInflated
                                + " bytes; send smaller batches");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new ProblemException.BadRequest("the body is not valid " + coding + " (" + e.getMessage()
                    + "); nothing was accepted");
        }
    }
}
