package io.vigil.detection.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the external test material lives: ../shared/data beside the checkout. */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String configured = System.getProperty("vigil.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path data = shared.resolve("data").toAbsolutePath().normalize();
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("shared test data not found at " + data);
        }
        return data;
    }
}
