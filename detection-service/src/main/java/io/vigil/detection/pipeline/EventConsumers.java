package io.vigil.detection.pipeline;

import io.quarkus.runtime.StartupEvent;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.StreamConsumers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts the consumers of every event shard in the {@code detection} group, but only once the rule catalog
 * is loaded: a consumer that took entries before would match them against no rule, and their alerts would
 * be lost for good (the events are stored, so they are never matched again). Until then readiness is down.
 */
@ApplicationScoped
public class EventConsumers {

    public static final String GROUP = "detection";
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final StreamConsumers consumers;
    private final EventStreams streams;
    private final EventStoreHandler handler;
    private final RuleCatalog catalog;
    private volatile boolean started;
    private volatile Thread waiting;

    public EventConsumers(StreamConsumers consumers, EventStreams streams, EventStoreHandler handler, RuleCatalog catalog) {
        this.consumers = consumers;
        this.streams = streams;
        this.handler = handler;
        this.catalog = catalog;
    }

    /** True once the consumers run (or are switched off by configuration, as tests do). */
    public boolean started() {
        return started;
    }

    void start(@Observes StartupEvent ev) {
        Thread t = new Thread(this::startWhenCatalogLoaded, "detection-consumers-start");
        t.setDaemon(true);
        waiting = t;
        t.start();
    }

    /** Starts the consumers now if the catalog can be loaded; false (and nothing started) if it cannot yet. */
    public synchronized boolean startIfCatalogLoaded() {
        if (started) {
            return true;
        }
        try {
            catalog.ensureLoaded();
        } catch (RuntimeException e) {
            LOG.warnf("the rule catalog cannot be loaded yet (%s); no event is taken before it is", e.getMessage());
            return false;
        }
        for (String stream : streams.all()) {
            consumers.start(stream, GROUP, handler);
        }
        started = true;
        return true;
    }

    private void startWhenCatalogLoaded() {
        long pause = 500;
        while (!startIfCatalogLoaded()) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = Math.min(pause * 2, 10_000);
        }
    }

    @PreDestroy
    void stop() {
        Thread t = waiting;
        if (t != null) {
            t.interrupt();
        }
    }
}
