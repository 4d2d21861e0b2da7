package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.platform.testing.VigilInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resetting the way a user would ({@code rm -rf .vigil && ./vigil up}), or a second {@code VIGIL_HOME}, fetches
 * the binaries again: whether to unpack depends on what the data folder holds, not on build markers left in
 * {@code infra/target} by an earlier unpack (which once left the second folder without PostgreSQL).
 */
class FetchIntoFreshFoldersTest {

    @Test
    void twoFreshDataFoldersInARowBothGetTheBinaries(@TempDir Path tmp) throws Exception {
        for (String folder : List.of("first", "second")) {
            Path dist = tmp.resolve(folder).resolve("dist");
            Process p = new ProcessBuilder(VigilInfra.root().resolve("mvnw").toString(), "-B", "-q", "-f",
                    VigilInfra.root().resolve("infra/pom.xml").toString(), "dependency:unpack", "-Dvigil.dist=" + dist)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the unpack did not end");
            assertEquals(0, p.exitValue(), "the unpack failed for the " + folder + " folder");
            try (var archives = Files.list(dist.resolve("postgres-archive"))) {
                assertTrue(archives.anyMatch(f -> f.toString().endsWith(".txz")), "no PostgreSQL archive in the " + folder + " folder");
            }
            try (var redis = Files.list(dist.resolve("redis"))) {
                assertTrue(redis.anyMatch(f -> f.getFileName().toString().startsWith("redis-server-")), "no Redis in the " + folder + " folder");
            }
            assertTrue(Files.isRegularFile(dist.resolve("keycloak-26.7.3/bin/kc.sh")) || Files.list(dist)
                    .anyMatch(d -> d.getFileName().toString().startsWith("keycloak-")), "no Keycloak in the " + folder + " folder");
        }
    }
}
