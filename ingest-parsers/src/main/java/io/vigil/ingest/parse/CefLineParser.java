package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

@ApplicationScoped
public class CefLineParser implements LineParser {

    @Override
    public String format() {
        return "cef";
    }

    @Override
    public ObjectNode parse(String line, Instant received, ZoneId sourceZone) throws ParseException {
        return CefNormalizer.normalize(CefParser.parse(line, received), line);
    }
}
