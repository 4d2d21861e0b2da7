package io.vigil.ingest.parse;

import java.util.Map;
import java.util.TreeMap;

/** The built-in line parsers by format name, for callers without CDI (./vigil parse). */
public final class LineParsers {

    private LineParsers() {
    }

    public static Map<String, LineParser> builtIn() {
        Map<String, LineParser> out = new TreeMap<>();
        for (LineParser p : new LineParser[] {new SyslogLineParser(), new CefLineParser(), new LeefLineParser(),
                new JsonLineParser()}) {
            out.put(p.format(), p);
        }
        return out;
    }
}
