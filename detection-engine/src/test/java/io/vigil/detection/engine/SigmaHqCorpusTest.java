package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SigmaHQ's 3,780 rules (../shared/data/sigma-rules): at least 99% compile; the rest are listed with why. */
class SigmaHqCorpusTest {

    @Test
    void atLeast99PercentOfSigmaHqRulesCompile() throws Exception {
        Path root = SharedData.dir().resolve("sigma-rules");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".yml"))
                    .filter(p -> !root.relativize(p).startsWith("tests") && !root.relativize(p).startsWith(".github"))
                    .sorted().toList();
        }
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            try {
                SigmaParser.parse(Files.readString(f));
            } catch (SigmaException e) {
                failed.add(root.relativize(f) + " -> " + e.getMessage());
            }
        }
        int ok = files.size() - failed.size();
        System.out.printf("SigmaHQ corpus: %d of %d rules compile (%.2f%%)%n", ok, files.size(), 100.0 * ok / files.size());
        failed.forEach(f -> System.out.println("  not compiled: " + f));
        assertTrue(files.size() >= 3700, "corpus found: " + files.size());
        assertTrue(ok >= Math.ceil(files.size() * 0.99), ok + " of " + files.size() + " compiled; failures:\n" + String.join("\n", failed));
    }
}
