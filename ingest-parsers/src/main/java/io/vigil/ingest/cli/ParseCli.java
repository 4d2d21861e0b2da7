package io.vigil.ingest.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.parse.LineParser;
import io.vigil.ingest.parse.LineParsers;
import io.vigil.ingest.parse.Preview;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code ./vigil parse --format syslog|cef|leef|json [--time-zone ZONE] FILE}: prints, for each line of
 * FILE, one JSON object with the normalised event or the parser's error. Exits 0 when it ran, 2 on a
 * usage error.
 */
public final class ParseCli {

    private ParseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String format = null;
        String zone = "UTC";
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format" -> format = i + 1 < args.length ? args[++i] : null;
                case "--time-zone" -> zone = i + 1 < args.length ? args[++i] : null;
                default -> file = args[i];
            }
        }
        Map<String, LineParser> parsers = LineParsers.builtIn();
        if (format == null || file == null || !parsers.containsKey(format)) {
            err.println("usage: vigil parse --format " + String.join("|", parsers.keySet())
                    + " [--time-zone ZONE] FILE");
            return 2;
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            err.println("--time-zone must be an IANA zone such as Europe/Paris, got " + zone);
            return 2;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        for (ObjectNode result : Preview.run(parsers.get(format), text, zoneId, Instant.now())) {
            out.println(result.toString());
        }
        return 0;
    }
}
