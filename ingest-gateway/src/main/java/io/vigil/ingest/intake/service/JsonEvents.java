package io.vigil.ingest.intake.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.deadletter.DeadLetterService.Failure;
import io.vigil.platform.errors.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a JSON or NDJSON body into events. A line that is not a JSON object becomes a {@link Failure}
 * (dead-letter) instead of failing the batch; only a body that cannot be split at all is refused.
 */
public final class JsonEvents {

    /** Where an event's JSON text is in the request body (so it can be copied instead of re-serialised). */
    public record Source(byte[] body, int offset, int length) {
    }

    /**
     * Parsed events and the failures, both in input order; {@code sources}, when known, holds the text of
     * each event in the request, index for index.
     */
    public record Split(List<ObjectNode> events, List<Failure> failures, List<Source> sources) {

        public Split(List<ObjectNode> events, List<Failure> failures) {
            this(events, failures, null);
        }
        public int total() {
            return events.size() + failures.size();
        }

        /** The same split with more failures (lines refused before parsing), in line order. */
        public Split with(List<Failure> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Failure> all = new ArrayList<>(failures);
            all.addAll(more);
            all.sort(java.util.Comparator.comparing(Failure::lineNumber));
            return new Split(events, all, sources);
        }
    }

    private final ObjectMapper mapper;
    private final int maxLineBytes;
    private final int maxEvents;

    public JsonEvents(int maxNestingDepth, int maxLineBytes, int maxEvents) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build();
        this.mapper = new ObjectMapper(factory);
        this.maxLineBytes = maxLineBytes;
        this.maxEvents = maxEvents;
    }

    /**
     * NDJSON straight from the request bytes (Jackson's UTF-8 parser, which also refuses bad UTF-8): one
     * JSON object per line; blank lines are skipped.
     */
    public Split ndjson(byte[] body) {
        List<ObjectNode> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        // Fields that are only copied are not decoded, so UTF-8 is checked here: once for the body, and
        // line by line only when the body has a bad byte somewhere.
        boolean checkLines = Utf8Body.firstInvalid(body) >= 0;
        int lineNo = 0;
        int start = 0;
        int n = body.length;
        while (start < n) {
            int end = start;
            while (end < n && body[end] != '\n') {
                end++;
            }
            lineNo++;
            int to = end > start && body[end - 1] == '\r' ? end - 1 : end;
            if (!blank(body, start, to)) {
                checkCount(events.size() + failures.size() + 1);
                int bad = checkLines ? Utf8Body.firstInvalid(body, start, to) : -1;
                if (bad >= 0) {
                    failures.add(new Failure(lineNo, text(body, start, to - start), "line " + lineNo
                            + " is not valid UTF-8 (first bad byte at offset " + (bad - start) + ")"));
                } else if (parseLine(body, start, to - start, lineNo, events, failures)) {
                    sources.add(new Source(body, start, to - start));
                }
            }
            start = end + 1;
        }
        return new Split(events, failures, sources);
    }

    /**
     * The offset in the line of a JSON escape {@code \u0000} (a backslash preceded by an even number of
     * backslashes, then {@code u0000}), or -1. PostgreSQL's jsonb refuses that character.
     */
    static int nulEscape(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i + 5 < end; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '0' && b[i + 5] == '0') {
                int slashes = 0;
                for (int j = i - 1; j >= off && b[j] == '\\'; j--) {
                    slashes++;
                }
                if (slashes % 2 == 0) {
                    return i - off;
                }
            }
        }
        return -1;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private boolean parseLine(byte[] body, int off, int len, int lineNo, List<ObjectNode> events, List<Failure> failures) {
        if (len > maxLineBytes) {
            failures.add(new Failure(lineNo, text(body, off, len), "line is " + len + " bytes, over the limit of "
                    + maxLineBytes));
            return false;
        }
        int nul = nulEscape(body, off, len);
        if (nul >= 0) {
            failures.add(new Failure(lineNo, text(body, off, len), "line " + lineNo + " holds the character \\u0000 (at offset "
                    + nul + "), which the event store cannot keep"));
            return false;
        }
        try (JsonParser p = mapper.createParser(body, off, len)) {
            ObjectNode node = lightObject(p);
            if (node == null) {
                failures.add(new Failure(lineNo, text(body, off, len), "line " + lineNo + " is not a JSON object"));
            } else if (p.nextToken() != null) {
                failures.add(new Failure(lineNo, text(body, off, len), "line " + lineNo + " has text after the JSON object"));
            } else {
                events.add(node);
                return true;
            }
        } catch (IOException e) {
            String msg = firstLine(e.getMessage());
            String reason = msg.contains("Invalid UTF-8") ? "line " + lineNo + " is not valid UTF-8: " + msg
                    : "line " + lineNo + " is not valid JSON: " + msg;
            failures.add(new Failure(lineNo, text(body, off, len), reason));
        }
        return false;
    }

    /**
     * Reads one JSON object, checking all of it but keeping only the values normalisation reads
     * ({@link #READS}) and a placeholder for each other dotted name (normalisation adds only dotted names,
     * unless it lifts Winlogbeat or evtx_dump fields, and such events are read whole). The rest stays in
     * the request's text and is copied from there. Null when the value is not an object.
     */
    private ObjectNode lightObject(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            if (p.currentToken() != null && p.currentToken().isStructStart()) {
                p.skipChildren();
            }
            return null;
        }
        ObjectNode e = mapper.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (READS.contains(name)) {
                e.set(name, mapper.readTree(p));
            } else {
                if (value.isStructStart()) {
                    p.skipChildren();
                }
                if (name.indexOf('.') >= 0) {
                    // a dotted name may be one normalisation adds (host.name ...): it must know it is taken
                    e.set(name, com.fasterxml.jackson.databind.node.NullNode.getInstance());
                }
            }
        }
        return e;
    }

    /** What normalisation and the gateway's own stamps read of an event. */
    static final java.util.Set<String> READS;

    static {
        java.util.Set<String> reads = new java.util.HashSet<>(io.vigil.ingest.normalize.EventNormalizer.READS);
        reads.addAll(Normalizer.TIME_FIELD_NAMES);
        reads.addAll(java.util.List.of("host.name", "host.ip")); // asset enrichment
        READS = java.util.Set.copyOf(reads);
    }

    /** The full tree of an event whose light form cannot be written as its text plus additions. */
    ObjectNode full(Source source) {
        try {
            return (ObjectNode) mapper.readTree(source.body(), source.offset(), source.length());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("an event read once cannot be read again", e);
        }
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** A JSON object, or an array of objects (an element that is not an object is a failure). */
    public Split json(String body) {
        List<ObjectNode> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        JsonNode root;
        try (JsonParser p = mapper.createParser(body)) {
            root = mapper.readTree(p);
            if (p.nextToken() != null) {
                throw new ProblemException.BadRequest("the body holds more than one JSON value: send an array, or NDJSON "
                        + "with Content-Type application/x-ndjson");
            }
        } catch (IOException e) {
            throw new ProblemException.BadRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            throw new ProblemException.BadRequest("the body is empty");
        }
        if (root.isObject()) {
            events.add((ObjectNode) root);
        } else if (root.isArray()) {
            checkCount(root.size());
            int i = 0;
            for (JsonNode n : root) {
                i++;
                if (n.isObject()) {
                    events.add((ObjectNode) n);
                } else {
                    failures.add(new Failure(i, n.toString(), "array element " + i + " is not a JSON object"));
                }
            }
        } else {
            throw new ProblemException.BadRequest("the body must be a JSON object or an array of objects, got "
                    + root.getNodeType().name().toLowerCase());
        }
        return new Split(events, failures);
    }

    private void checkCount(int n) {
        if (n > maxEvents) {
            throw new ProblemException.PayloadTooLarge("a request may carry at most " + maxEvents
                    + " events; split the batch");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
