package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How sample lines would be parsed and normalised, without storing anything (as Elastic's pipeline
 * simulate): one result per non-blank line, {@code {"line": n, "event": {...}}} or
 * {@code {"line": n, "error": "..."}}.
 */
public final class Preview {

    private Preview() {
    }

    public static List<ObjectNode> run(LineParser parser, String text, ZoneId zone, Instant received) {
        List<ObjectNode> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode().put("line", lineNo);
            try {
                result.set("event", parser.parse(line, received, zone));
            } catch (ParseException e) {
                result.put("error", e.getMessage());
            }
            out.add(result);
        }
        return out;
    }
}
