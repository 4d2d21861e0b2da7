package io.vigil.ingest.intake.service;

import io.vigil.ingest.deadletter.DeadLetterService.Failure;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a request body as UTF-8 without silently replacing bad bytes. A line that is not valid UTF-8
 * becomes a dead-letter failure (kept with replacement characters, and the offset of the first bad
 * byte) and an empty line in the text, so the other lines keep their numbers.
 */
public final class Utf8Body {

    /** The decoded text and the lines that could not be decoded. */
    public record Decoded(String text, List<Failure> invalid) {
    }

    private Utf8Body() {
    }

    public static Decoded lines(byte[] body) {
        int bad = firstInvalid(body, 0, body.length);
        if (bad < 0) {
            return new Decoded(new String(body, StandardCharsets.UTF_8), List.of());
        }
        StringBuilder text = new StringBuilder(body.length);
        List<Failure> invalid = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '\n', start);
            lineNo++;
            int at = firstInvalid(body, start, end);
            if (at < 0) {
                text.append(new String(body, start, end - start, StandardCharsets.UTF_8));
            } else {
                invalid.add(new Failure(lineNo, new String(body, start, end - start, StandardCharsets.UTF_8),
                        "line " + lineNo + " is not valid UTF-8 (first bad byte at offset " + (at - start) + ")"));
            }
            if (end == body.length) {
                break;
            }
            text.append('\n');
            start = end + 1;
        }
        return new Decoded(text.toString(), invalid);
    }

    /** The whole body as one document; -1 if it is valid, else the offset of the first bad byte. */
    public static int firstInvalid(byte[] body) {
        return firstInvalid(body, 0, body.length);
    }

    static int firstInvalid(byte[] b, int from, int to) {
        // ASCII fast path: most telemetry is plain ASCII
        int i = from;
        while (i < to && b[i] >= 0) {
            i++;
        }
        if (i == to) {
            return -1;
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, i, to - i);
        CharBuffer out = CharBuffer.allocate(Math.min(8192, to - i + 1));
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            r = d.flush(out);
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return -1;
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return b.length;
    }
}
