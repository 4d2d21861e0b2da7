package io.vigil.ingest.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the intake: {@code vigil.ingest.*}. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Longest accepted line (one NDJSON event or raw log line), in bytes. */
    @WithDefault("1048576")
    int maxLineBytes();

    /** Most events in one request. */
    @WithDefault("10000")
    int maxBatchEvents();

    /** Deepest JSON nesting accepted in one event. */
    @WithDefault("64")
    int maxNestingDepth();
}
