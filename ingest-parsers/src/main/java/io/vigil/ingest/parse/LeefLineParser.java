package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/** LEEF lines, bare or behind a syslog header. */
@ApplicationScoped
public class LeefLineParser implements LineParser {

    @Override
    public String format() {
        return "leef";
    }

    @Override
    public ObjectNode parse(String line, Instant received, ZoneId sourceZone) throws ParseException {
        return LeefParser.normalize(LeefParser.parse(line), line, sourceZone);
    }
}
