package io.vigil.detection.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The streams detection-service sends to and receives from besides the event shards ({@code
 * vigil.streams.events.*}); their contracts are in {@code openapi/asyncapi.yaml}, which a test holds these
 * names to.
 */
@ConfigMapping(prefix = "vigil.streams.names")
public interface DetectionStreams {

    /** Where alerts go ({@code alert.raised}), through the outbox. */
    @WithDefault("alerts")
    String alerts();

    /** Analysts' verdicts from case-service ({@code alert.verdict}). */
    @WithDefault("alert-verdicts")
    String alertVerdicts();

    /** detection-service's announcements to other services ({@code detection.coverage.changed}), through the outbox. */
    @WithDefault("detection.events")
    String detectionEvents();
}
