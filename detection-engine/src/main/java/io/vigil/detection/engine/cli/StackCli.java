package io.vigil.detection.engine.cli;

import java.io.PrintStream;
import java.util.List;

/** What ./vigil's tools that call the running stack share: help, options, the gateway URL and the token. */
final class StackCli {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private StackCli() {
    }

    /** True when the arguments ask for help (or are empty); the usage is then printed. */
    static boolean help(String[] args, String usage, PrintStream out) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0]) || List.of(args).contains("--help")) {
            out.print(usage);
            return true;
        }
        return false;
    }

    /** The value after {@code name}, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The bearer token (--token or $VIGIL_TOKEN), or null after saying that one is needed. */
    static String token(String[] args, String tool, PrintStream err) {
        String token = option(args, "--token", System.getenv("VIGIL_TOKEN"));
        if (token == null || token.isBlank()) {
            err.println("vigil " + tool + ": a bearer token is needed (--token or VIGIL_TOKEN)");
            return null;
        }
        return token;
    }
}
