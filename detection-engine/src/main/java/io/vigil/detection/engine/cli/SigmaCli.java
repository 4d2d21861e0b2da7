package io.vigil.detection.engine.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.match.Regex;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaFilter;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./vigil sigma check|scan}: the detection engine over files, as analysts use Chainsaw or Hayabusa on
 * exported logs. Prints one JSON object per line; exits 0 whenever it ran, whatever it found.
 */
public final class SigmaCli {

    static final String USAGE = """
            usage: vigil sigma check --rules DIR
                   vigil sigma scan --rules DIR_OR_FILE --events FILE [--filters DIR_OR_FILE]

            check  compiles every rule file (*.yml, *.yaml) under DIR and prints one JSON line per file:
                   {"path", "id", "compiled", "error", "boundedRegex"}; boundedRegex lists the
                   expressions RE2 cannot run in linear time (back-references, look-around), which run
                   on java.util.regex under a per-value budget instead
            scan   runs the rules over the events of FILE (a JSON array, JSON lines, or concatenated JSON
                   objects, including evtx_dump's Event.System/Event.EventData shape) and prints one JSON
                   line per match: {"rule_id", "rule_title", "rule_author", "level", "event_index"}
                   (event_index counts events from 0 in file order). Rules that do not compile are
                   reported on standard error and skipped. --filters adds Sigma filters (the local
                   tuning of named rules: their condition is ANDed to the rule's, as pySigma does).
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SigmaCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the exit code: 0 when it ran, 2 for wrong usage or unreadable input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String rules = option(args, "--rules");
        String events = option(args, "--events");
        String filters = option(args, "--filters");
        if (List.of(args).contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        try {
            switch (args[0]) {
                case "check" -> {
                    if (rules == null) {
                        return usage(err, "check needs --rules DIR");
                    }
                    check(Path.of(rules), out);
                }
                case "scan" -> {
                    if (rules == null || events == null) {
                        return usage(err, "scan needs --rules and --events");
                    }
                    scan(Path.of(rules), Path.of(events), filters == null ? null : Path.of(filters), out, err);
                }
                default -> {
                    return usage(err, "unknown command '" + args[0] + "'");
                }
            }
        } catch (IOException e) {
            err.println("vigil sigma: " + e.getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }

    static void check(Path rules, PrintStream out) throws IOException {
        for (Path f : ruleFiles(rules)) {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("path", f.toString());
            try {
                String yaml = Files.readString(f);
                SigmaRule r = SigmaParser.parse(yaml);
                line.put("id", r.id());
                line.put("compiled", true);
                line.putNull("error");
                var bounded = line.putArray("boundedRegex");
                boundedRegexes(new org.yaml.snakeyaml.Yaml().load(yaml), false).forEach(bounded::add);
            } catch (SigmaException e) {
                line.putNull("id");
                line.put("compiled", false);
                line.put("error", e.getMessage());
            }
            out.println(line);
        }
    }

    /** The {@code re} values under a rule's detection that run on the bounded fallback, not on RE2J. */
    private static List<String> boundedRegexes(Object node, boolean re) {
        List<String> out = new java.util.ArrayList<>();
        if (node instanceof java.util.Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.addAll(boundedRegexes(e.getValue(), key.contains("|re")));
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> out.addAll(boundedRegexes(v, re)));
        } else if (re && node != null && !Regex.compile(String.valueOf(node), false, false, false).linear()) {
            out.add(String.valueOf(node));
        }
        return out;
    }

    static void scan(Path rules, Path events, Path filterFiles, PrintStream out, PrintStream err) throws IOException {
        RuleSet set = new RuleSet(LogsourceMapping.defaults());
        for (Path f : ruleFiles(rules)) {
            try {
                set.add(SigmaParser.parse(Files.readString(f)));
            } catch (SigmaException e) {
                err.println("skipped " + f + ": " + e.getMessage());
            }
        }
        List<SigmaFilter> filters = new java.util.ArrayList<>();
        for (Path f : filterFiles == null ? List.<Path>of() : ruleFiles(filterFiles)) {
            try {
                filters.add(SigmaParser.parseFilter(Files.readString(f)));
            } catch (SigmaException e) {
                err.println("skipped filter " + f + ": " + e.getMessage());
            }
        }
        long index = 0;
        try (JsonParser p = MAPPER.getFactory().createParser(events.toFile())) {
            boolean array = p.nextToken() == JsonToken.START_ARRAY;
            if (array) {
                p.nextToken();
            }
            while (p.currentToken() != null && p.currentToken() != JsonToken.END_ARRAY) {
                JsonNode node = MAPPER.readTree(p);
                p.nextToken();
                if (node == null || !node.isObject()) {
                    index++;
                    continue;
                }
                MapEvent event = EventFlattener.flatten(node);
                for (SigmaRule r : set.match(event)) {
                    if (!admitted(filters, r, event)) {
                        continue;
                    }
                    ObjectNode line = MAPPER.createObjectNode();
                    line.put("rule_id", r.id());
                    line.put("rule_title", r.title());
                    line.put("rule_author", r.author());
                    line.put("level", r.level());
                    line.put("event_index", index);
                    out.println(line);
                }
                index++;
            }
        }
    }

    private static boolean admitted(List<SigmaFilter> filters, SigmaRule rule, MapEvent event) {
        for (SigmaFilter f : filters) {
            if (f.appliesTo(rule) && !f.admits(event)) {
                return false;
            }
        }
        return true;
    }

    /** The rule files (*.yml, *.yaml) of a folder, in path order, or the one file given. */
    static List<Path> ruleFiles(Path rules) throws IOException {
        if (Files.isRegularFile(rules)) {
            return List.of(rules);
        }
        if (!Files.isDirectory(rules)) {
            throw new IOException("no rules at " + rules);
        }
        try (Stream<Path> s = Files.walk(rules)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static int usage(PrintStream err, String message) {
        err.println("vigil sigma: " + message);
        err.print(USAGE);
        return 2;
    }
}
