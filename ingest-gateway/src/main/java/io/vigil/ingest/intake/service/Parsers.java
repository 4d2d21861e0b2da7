package io.vigil.ingest.intake.service;

import io.vigil.ingest.parse.LineParser;

import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.TreeMap;

/** The installed line parsers by format name, as Debezium chooses its sinks. */
@ApplicationScoped
public class Parsers {

    private final Map<String, LineParser> byFormat = new TreeMap<>();

    public Parsers(Instance<LineParser> parsers) {
        parsers.forEach(p -> byFormat.put(p.format(), p));
    }

    public LineParser forFormat(String format) {
        LineParser p = format == null ? null : byFormat.get(format);
        if (p == null) {
            throw new ProblemException.BadRequest("format must be one of " + byFormat.keySet() + (format == null ? ""
                    : ", got '" + format + "'"));
        }
        return p;
    }
}
