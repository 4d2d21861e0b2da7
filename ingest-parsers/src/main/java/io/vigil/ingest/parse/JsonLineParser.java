package io.vigil.ingest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.normalize.EventNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/** One JSON object per line (Windows event JSON, Winlogbeat, CloudTrail, Zeek ...), normalised. */
@ApplicationScoped
public class JsonLineParser implements LineParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public ObjectNode parse(String line, Instant received, ZoneId sourceZone) throws ParseException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ParseException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode event)) {
            throw new ParseException("a JSON event must be an object, got " + (node == null ? "nothing"
                    : node.getNodeType().name().toLowerCase()));
        }
        EventNormalizer.normalize(event);
        return event;
    }
}
