package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Sigma matcher throughput on one core: every SigmaHQ Windows rule loaded, real Windows events (JSON lines)
 * parsed, flattened and matched. Prints the parse-only ceiling for the same events and the ratio.
 *
 * <pre>usage: SigmaBench --rules DIR [--rules DIR...] --events FILE_OR_DIR [--seconds N]</pre>
 */
public final class SigmaBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        List<Path> ruleDirs = new ArrayList<>();
        List<Path> eventPaths = new ArrayList<>();
        double seconds = 10;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--rules" -> ruleDirs.add(Path.of(args[i + 1]));
                case "--events" -> eventPaths.add(Path.of(args[i + 1]));
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RuleSet rules = new RuleSet(LogsourceMapping.defaults());
        int windows = 0;
        int skipped = 0;
        for (Path dir : ruleDirs) {
            for (Path f : files(dir, ".yml")) {
                try {
                    SigmaRule r = SigmaParser.parse(Files.readString(f));
                    if ("windows".equals(r.logsource().product())) {
                        rules.add(r);
                        windows++;
                    }
                } catch (SigmaException e) {
                    skipped++;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Path p : eventPaths) {
            for (Path f : files(p, ".jsonl")) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        System.out.printf(Locale.ROOT, "Sigma matcher benchmark (%s)%n", Bench.machine());
        System.out.printf(Locale.ROOT, "  rules: %d Windows rules loaded (%d files not compiled)%n", windows, skipped);
        System.out.printf(Locale.ROOT, "  events: %d real Windows events, one core%n", lines.size());
        long[] matches = {0};
        double parse = Bench.rate("parse + flatten (ceiling)", seconds, () -> {
            long n = 0;
            for (String l : lines) {
                n += EventFlattener.flatten(read(l)).fields().size() > 0 ? 1 : 0;
            }
            return n;
        });
        double match = Bench.rate("parse + flatten + match", seconds, () -> {
            long m = 0;
            for (String l : lines) {
                MapEvent e = EventFlattener.flatten(read(l));
                m += rules.match(e).size();
            }
            matches[0] = m;
            return lines.size();
        });
        // The matcher alone: events parsed and flattened beforehand, a fresh event view per pass (so no
        // lower-cased text cached by an earlier pass is reused).
        List<java.util.Map<String, Object>> flat = new ArrayList<>(lines.size());
        for (String l : lines) {
            flat.add(EventFlattener.flatten(read(l)).fields());
        }
        double matchOnly = Bench.rate("match only (pre-parsed events)", seconds, () -> {
            long m = 0;
            for (java.util.Map<String, Object> f : flat) {
                m += rules.match(new MapEvent(f)).size();
            }
            return flat.size();
        });
        System.out.printf(Locale.ROOT, "  matches per pass over the events: %d%n", matches[0]);
        System.out.printf(Locale.ROOT, "  ratio (parse + match) / parse ceiling: %.2f%n", match / parse);
        System.out.printf(Locale.ROOT, "  matcher alone: %.1f us per event%n", 1e6 / matchOnly);
        System.out.printf(Locale.ROOT, "  peak RSS: %d MB%n", Bench.peakRssMb());
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path p, String suffix) throws IOException {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
