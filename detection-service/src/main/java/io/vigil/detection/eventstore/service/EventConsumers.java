package io.vigil.detection.eventstore.service;

import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts one consumer per event shard in the {@code detection} group when the service starts. */
@ApplicationScoped
public class EventConsumers {

    public static final String GROUP = "detection";

    private final StreamConsumers consumers;
    private final EventStreams streams;
    private final EventStoreHandler handler;
    private final boolean enabled;

    public EventConsumers(StreamConsumers consumers, EventStreams streams, EventStoreHandler handler,
            @ConfigProperty(name = "vigil.detection.consumers.enabled", defaultValue = "true") boolean enabled) {
        this.consumers = consumers;
        this.streams = streams;
        this.handler = handler;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        for (String stream : streams.all()) {
            consumers.start(stream, GROUP, handler);
        }
    }
}
