package io.vigil.ingest.syslog;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a TCP syslog stream into messages (RFC 6587): a frame that starts with a digit is octet-counted
 * ({@code MSG-LEN SP SYSLOG-MSG}), any other is newline-terminated (non-transparent framing). Senders may
 * mix both. A newline-framed message longer than the limit is cut there and reported as such.
 */
final class SyslogFramer {

    private final int maxMessageBytes;
    private final Consumer<String> sink;
    private Buffer pending = Buffer.buffer();

    SyslogFramer(int maxMessageBytes, Consumer<String> sink) {
        this.maxMessageBytes = maxMessageBytes;
        this.sink = sink;
    }

    void feed(Buffer data) {
        pending.appendBuffer(data);
        int pos = 0;
        int n = pending.length();
        while (pos < n) {
            byte first = pending.getByte(pos);
            if (first >= '1' && first <= '9') {
                int sp = pos;
                while (sp < n && sp - pos < 10 && Character.isDigit(pending.getByte(sp))) {
                    sp++;
                }
                if (sp == n) {
                    break; // the length is not complete yet
                }
                if (pending.getByte(sp) == ' ') {
                    int len = Integer.parseInt(pending.getString(pos, sp, "US-ASCII"));
                    if (sp + 1 + len > n) {
                        break; // wait for the rest of the frame
                    }
                    sink.accept(pending.getString(sp + 1, sp + 1 + len, "UTF-8"));
                    pos = sp + 1 + len;
                    continue;
                }
            }
            int lf = indexOf(pending, (byte) '\n', pos, n);
            if (lf < 0) {
                if (n - pos > maxMessageBytes) {
                    sink.accept(pending.getString(pos, pos + maxMessageBytes, "UTF-8"));
                    pos += maxMessageBytes;
                    continue;
                }
                break;
            }
            int end = lf > pos && pending.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (end > pos) {
                sink.accept(new String(pending.getBytes(pos, end), StandardCharsets.UTF_8));
            }
            pos = lf + 1;
        }
        pending = pos == 0 ? pending : pending.getBuffer(pos, n);
    }

    /** What is left when the connection closes: a last message without its newline. */
    void close() {
        if (pending.length() > 0) {
            sink.accept(pending.toString(StandardCharsets.UTF_8).stripTrailing());
            pending = Buffer.buffer();
        }
    }

    private static int indexOf(Buffer b, byte v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.getByte(i) == v) {
                return i;
            }
        }
        return -1;
    }
}
