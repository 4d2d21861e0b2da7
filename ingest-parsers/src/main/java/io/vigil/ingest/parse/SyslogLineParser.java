package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/** Syslog (RFC 5424 and 3164 dialects); a CEF or LEEF payload inside is parsed too. */
@ApplicationScoped
public class SyslogLineParser implements LineParser {

    @Override
    public String format() {
        return "syslog";
    }

    @Override
    public ObjectNode parse(String line, Instant received, ZoneId sourceZone) throws ParseException {
        SyslogParser.Syslog s = SyslogParser.parse(line, received, sourceZone);
        ObjectNode e;
        if (s.message() != null && s.message().startsWith("CEF:")) {
            e = CefNormalizer.normalize(CefParser.parse(s.message(), received), line);
        } else if (s.message() != null && s.message().startsWith("LEEF:")) {
            e = LeefParser.normalize(LeefParser.parse(s.message()), line, sourceZone);
        } else {
            e = JsonNodeFactory.instance.objectNode();
            e.put("message", s.message());
            e.put("event.original", line);
        }
        if (s.timestamp() != null && !e.has("@timestamp")) {
            e.put("@timestamp", s.timestamp().toString());
        }
        put(e, "host.name", s.hostname());
        put(e, "process.name", s.appName());
        if (s.processId() != null) {
            try {
                e.put("process.pid", Long.parseLong(s.processId()));
            } catch (NumberFormatException ex) {
                e.put("log.syslog.procid", s.processId());
            }
        }
        put(e, "log.syslog.msgid", s.messageId());
        if (s.facility() != null) {
            e.put("log.syslog.facility.code", s.facility());
            e.put("log.syslog.severity.code", s.severity());
        }
        if (s.version() != null) {
            e.put("log.syslog.version", s.version());
        }
        s.structuredData().forEach((id, params) ->
                params.forEach((k, v) -> e.put("log.syslog.structured_data." + id + "." + k, v)));
        return e;
    }

    private static void put(ObjectNode e, String field, String value) {
        if (value != null) {
            e.put(field, value);
        }
    }
}
