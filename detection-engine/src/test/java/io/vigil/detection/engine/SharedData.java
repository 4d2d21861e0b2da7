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

    /** An OTRF event's time: its @timestamp, else its TimeCreated ("yyyy-MM-dd HH:mm:ss.SSS...", UTC). */
    static java.time.Instant eventTime(io.vigil.detection.engine.event.MapEvent e) {
        Object ts = e.get("@timestamp");
        if (ts != null && ts.toString().contains("T")) {
            return java.time.Instant.parse(ts.toString());
        }
        String created = String.valueOf(e.get("TimeCreated"));
        return java.time.LocalDateTime.parse(created.length() > 23 ? created.substring(0, 23) : created,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")).toInstant(java.time.ZoneOffset.UTC);
    }
}
