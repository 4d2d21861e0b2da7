package io.vigil.detection.eventstore.service;

import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts one consumer per event shard in the {@code detection} group when the service starts. */
@ApplicationScoped
public class EventConsumers {

    public static final String GROUP = "detection";

    private final StreamConsumers consumers;
    private final EventStreams streams;
    private final EventStoreHandler handler;

    public EventConsumers(StreamConsumers consumers, EventStreams streams, EventStoreHandler handler) {
        this.consumers = consumers;
        this.streams = streams;
        this.handler = handler;
    }

    void start(@Observes StartupEvent ev) {
        for (String stream : streams.all()) {
            consumers.start(stream, GROUP, handler);
        }
    }
}
