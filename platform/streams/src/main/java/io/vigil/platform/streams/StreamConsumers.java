package io.vigil.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Creates consumers and closes them all when the application stops. */
@ApplicationScoped
public class StreamConsumers {

    private final StreamCommands<String, String, String> streams;
    private final MessageProcessor processor;
    private final StreamTrimmer trimmer;
    private final StreamsConfig config;
    private final List<StreamConsumer> open = new CopyOnWriteArrayList<>();

    private final MeterRegistry meters;

    public StreamConsumers(RedisDataSource redis, MessageProcessor processor, StreamTrimmer trimmer, StreamsConfig config,
            MeterRegistry meters) {
        this.meters = meters;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.processor = processor;
        this.trimmer = trimmer;
        this.config = config;
    }

    /** A consumer named {@code name} in {@code group} on {@code stream}; the group is created if absent. */
    public StreamConsumer create(String stream, String group, String name, MessageHandler handler) {
        Counter dead = Counter.builder("vigil.stream.dead.lettered")
                .description("Messages sent to the dead-letter stream: bad on their own merits, never for an outage")
                .tag("stream", stream).tag("group", group).register(meters);
        StreamConsumer c = new StreamConsumer(streams, processor, trimmer, config, stream, group, name, handler,
                dead::increment);
        open.add(c);
        return c;
    }

    /**
     * Starts {@code vigil.streams.consumers-per-stream} background consumers in {@code group}, named after
     * this process: a restarted instance gets new names, and the entries the old one left pending are
     * reclaimed by the group. Closed on shutdown. Does nothing when {@code vigil.streams.consumers-enabled}
     * is false.
     */
    public void start(String stream, String group, MessageHandler handler) {
        if (!config.consumersEnabled()) {
            return;
        }
        String name = group + "-" + java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        int n = Math.max(1, config.consumersPerStream());
        for (int i = 0; i < n; i++) {
            create(stream, group, n == 1 ? name : name + "-" + i, handler).start();
        }
    }

    /** The consumers paused because a dependency is down, with why (readiness reports them). */
    public Map<String, String> paused() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (StreamConsumer c : open) {
            c.unavailable().ifPresent(why -> out.put(c.stream() + "/" + c.name(), why));
        }
        return out;
    }

    @PreDestroy
    void closeAll() {
        open.forEach(StreamConsumer::close);
    }
}
